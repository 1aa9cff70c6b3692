package facts

import "testing"

// BenchmarkSpelling builds the index of one-slip spellings, which the
// first unknown word of a process pays for.
func BenchmarkSpelling(b *testing.B) {
	base, err := Load(Data())
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		base.index.buildSpelling()
	}
	b.ReportMetric(float64(len(base.index.spell)), "keys")
}
