#!/usr/bin/env bash
# compare.sh: whole-process speed of `malibot ask --json` against the Bleve
# BM25 sentence baseline (blevecmp) on the same 5,000 question lines.
#
# Environment knobs (all optional):
#   N=5000            number of question lines
#   RUNS=10           hyperfine runs per command (after 2 warm-ups)
#   SEEDS=DIR         seed documents (default: <repo>/../shared/seeds)
#   OUT=DIR           where binaries, the question file and outputs go (default /tmp)
#   CPU=0             pin both processes to this CPU with taskset (default: not pinned)
#   THRESHOLD=0.7     blevecmp --threshold
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
N=${N:-5000}
RUNS=${RUNS:-10}
SEEDS=${SEEDS:-$(cd "$root/.." && pwd)/shared/seeds}
OUT=${OUT:-/tmp}
THRESHOLD=${THRESHOLD:-0.7}
malibot=$OUT/malibot
blevecmp=$OUT/blevecmp
questions=$OUT/blevecmp-questions.txt
mkdir -p "$OUT"
pin=()
if [[ -n "${CPU:-}" ]]; then pin=(taskset -c "$CPU"); fi

say() { printf '%s\n' "$*"; }

# ---- (a) build both binaries ---------------------------------------------
say "== building malibot ($root)"
malibot_tags=""
if ! (cd "$root" && go build -o "$malibot" ./cmd/malibot) 2>"$OUT/malibot-build.log"; then
	say "   plain build failed ($(head -n 2 "$OUT/malibot-build.log" | tr '\n' ' ')); retrying with -tags pending"
	(cd "$root" && go build -tags pending -o "$malibot" ./cmd/malibot)
	malibot_tags="pending"
fi
say "== building blevecmp ($here, separate module)"
(cd "$here" && GOWORK=off go build -o "$blevecmp" .)

# ---- (b) question file ------------------------------------------------------
shopt -s nullglob
evals=("$root"/testdata/eval/*.jsonl)
shopt -u nullglob
src="$OUT/blevecmp-source.txt"
if ((${#evals[@]} > 0)); then
	jq -rR 'fromjson? | .q // empty | gsub("[\r\n]+"; " ")' "${evals[@]}" >"$src"
	origin="field \"q\" of ${#evals[@]} file(s) in testdata/eval ($(wc -l <"$src") questions)"
else
	: >"$src"
fi
if [[ ! -s "$src" ]]; then
	origin="generated mix (testdata/eval/*.jsonl not present yet)"
	cat >"$src" <<'EOF'
who leads JNIM?
who leads jnim??
when did barkhane end
when did barkane end
how many christians in mali
How many Christians are there in Mali?
what is the AES
what's the alliance of sahel states
who is the president of mali
who is goita
Who is Assimi Goïta?
when was jnim founded
what year was JNIM created
what is jnim
how many fighters does jnim have
who is iyad ag ghaly
who leads IS Sahel
when did the us establish relations with mali
when did mali become independent
who is abdoulaye diop
what did the foreign minister say about bamako
is bamako under threat
what is the wagner group
what is africa corps
what happened at the radisson blu in bamako
radison hotel attack when
what happened in tongo tongo
who was abu huzeifa
when did operation serval start
what was operation serval
when did minusma leave
why did minusma leave mali
what is minusma
when was the 2012 coup
when was the 2020 coup
who led the 2021 coup
what is the kayes region
who are the hassaniya
what religion is practised in kayes
how are christians persecuted in mali
what is mali's world watch ranking
how much aid does the us give mali
what is the fuel blockade
hey bot quick q, who runs jnim
yo whats the deal w/ the AES
what is the weather in bamako today
who won the world cup
what is the capital of france
how tall is the eiffel tower
best jollof rice recipe
what is the population of nigeria
who is the president of the united states
how do i reset my password
what time is it
tell me a joke
who is messi
quelle est la capitale du mali
@everyone when did barkhane end
<@&123> who leads jnim
🙂🙂🙂

   
/help
EOF
fi
awk -v n="$N" '{a[NR]=$0} END {for (i = 0; i < n; i++) print a[i % NR + 1]}' "$src" >"$questions"
say "== question file: $questions, $(wc -l <"$questions") lines, from $origin"

# ---- sanity: one run each, check the output ----------------------------------
check() { # name, command...
	local name=$1
	shift
	local out="$OUT/$name.jsonl" err="$OUT/$name.stderr"
	if ! "${pin[@]}" "$@" <"$questions" >"$out" 2>"$err"; then
		say "   $name FAILED (exit $?): $(head -c 400 "$err" | tr '\n' ' ')"
		return 1
	fi
	local lines abst
	lines=$(wc -l <"$out")
	abst=$(jq -s '(map(select(.abstained)) | length) * 100 / length | floor' "$out")
	say "   $name: $lines output lines, ${abst}% abstained"
	[[ "$lines" -eq "$N" ]] || say "   WARNING: $name wrote $lines lines for $N questions"
}
say "== sanity run"
malibot_ok=1
check malibot "$malibot" ask --json || malibot_ok=0
check blevecmp "$blevecmp" --seeds "$SEEDS" --threshold "$THRESHOLD"
"$blevecmp" -v --seeds "$SEEDS" </dev/null 2>&1 >/dev/null | sed 's/^/   /'

# ---- (c) timing ------------------------------------------------------------
mcmd="${pin[*]} $malibot ask --json < $questions > /dev/null"
bcmd="${pin[*]} $blevecmp --seeds $SEEDS --threshold $THRESHOLD < $questions > /dev/null"
rss() { # max resident set size in kB of one run
	/usr/bin/time -f '%M' -o "$OUT/rss.$$" sh -c "$1" >/dev/null 2>&1 || true
	tail -n 1 "$OUT/rss.$$"
	rm -f "$OUT/rss.$$"
}

declare -A mean user sys
if command -v hyperfine >/dev/null; then
	say "== timing with hyperfine ($RUNS runs, 2 warm-ups)"
	names=(blevecmp)
	cmds=("$bcmd")
	if ((malibot_ok)); then names=(malibot blevecmp); cmds=("$mcmd" "$bcmd"); fi
	args=()
	for i in "${!names[@]}"; do args+=(-n "${names[$i]}" "${cmds[$i]}"); done
	hyperfine --warmup 2 --runs "$RUNS" --export-json "$OUT/blevecmp-hyperfine.json" "${args[@]}"
	for nm in "${names[@]}"; do
		mean[$nm]=$(jq -r --arg n "$nm" '.results[] | select(.command == $n) | .mean' "$OUT/blevecmp-hyperfine.json")
		user[$nm]=$(jq -r --arg n "$nm" '.results[] | select(.command == $n) | .user' "$OUT/blevecmp-hyperfine.json")
		sys[$nm]=$(jq -r --arg n "$nm" '.results[] | select(.command == $n) | .system' "$OUT/blevecmp-hyperfine.json")
	done
else
	say "== timing with /usr/bin/time (hyperfine not installed; 1 run each)"
	for nm in malibot blevecmp; do
		[[ $nm == malibot ]] && ((!malibot_ok)) && continue
		c=$mcmd
		[[ $nm == blevecmp ]] && c=$bcmd
		/usr/bin/time -f '%e %U %S' -o "$OUT/t.$$" sh -c "$c" >/dev/null 2>&1
		read -r mean[$nm] user[$nm] sys[$nm] <"$OUT/t.$$"
		rm -f "$OUT/t.$$"
	done
fi

# ---- report ----------------------------------------------------------------
say ""
say "== result ($N lines, whole process, start-up included)"
[[ -n "$malibot_tags" ]] && say "   note: malibot was built with -tags $malibot_tags"
for nm in malibot blevecmp; do
	if [[ $nm == malibot ]] && ((!malibot_ok)); then
		say "   malibot : did not run (see $OUT/malibot.stderr)"
		continue
	fi
	c=$mcmd
	[[ $nm == blevecmp ]] && c=$bcmd
	r=$(rss "$c")
	printf '   %-8s: %8.1f ms wall (user %.1f ms, sys %.1f ms), max RSS %s kB (%.1f MB)\n' \
		"$nm" "$(jq -n "${mean[$nm]} * 1000")" "$(jq -n "${user[$nm]} * 1000")" "$(jq -n "${sys[$nm]} * 1000")" \
		"$r" "$(jq -n "$r / 1024")"
done
if ((malibot_ok)); then
	printf '   ratio blevecmp_time / malibot_time = %.2f  (>= 1 means malibot is at least as fast)\n' \
		"$(jq -n "${mean[blevecmp]} / ${mean[malibot]}")"
else
	say "   ratio blevecmp_time / malibot_time = n/a (malibot did not run)"
fi
if ((malibot_ok)); then
	printf '   ratio of CPU time (user+sys)        = %.2f  (less sensitive to a busy machine)\n' \
		"$(jq -n "(${user[blevecmp]} + ${sys[blevecmp]}) / (${user[malibot]} + ${sys[malibot]})")"
fi
