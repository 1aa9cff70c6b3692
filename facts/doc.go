// Package facts holds malibot's embedded fact base: the data files, their
// loader and validator, and the question-answering engine over them.
//
// It imports the standard library, its own sub-packages and text-matching
// libraries only; it knows nothing of Discord.
package facts
