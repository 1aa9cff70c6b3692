package eval

import (
	"fmt"
	"io/fs"
	"slices"
	"testing/fstest"

	"gopkg.in/yaml.v3"

	"github.com/malibot/malibot/facts"
)

// DataWithout returns the embedded data files with facts.QuestionsFile
// keeping only the questions not filed from the question file named from
// ("" keeps none of them): a question file is measured, and the models
// are fitted on it, with a base that has never seen its questions.
func DataWithout(from string) (fstest.MapFS, error) {
	src := facts.Data()
	m := fstest.MapFS{}
	names, err := fs.Glob(src, "*.yaml")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		data, err := fs.ReadFile(src, name)
		if err != nil {
			return nil, err
		}
		if name == facts.QuestionsFile {
			if from == "" {
				continue
			}
			var sets []facts.QuestionSet
			if err := yaml.Unmarshal(data, &sets); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			sets = slices.DeleteFunc(sets, func(s facts.QuestionSet) bool { return s.From == from })
			if data, err = yaml.Marshal(sets); err != nil {
				return nil, err
			}
		}
		m[name] = &fstest.MapFile{Data: data}
	}
	return m, nil
}

// BaseWithout loads the base from DataWithout(from); without a
// facts.QuestionsFile that is the embedded base itself.
func BaseWithout(from string) (*facts.Base, error) {
	if _, err := fs.Stat(facts.Data(), facts.QuestionsFile); err != nil {
		return facts.Default()
	}
	data, err := DataWithout(from)
	if err != nil {
		return nil, err
	}
	return facts.Load(data)
}
