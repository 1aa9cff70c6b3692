package facts

// index is the search index over a Base (filled in by the engine).
type index struct{}

func buildIndex(b *Base) *index { return &index{} }
