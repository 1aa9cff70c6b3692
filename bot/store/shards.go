package store

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Shards is the set of gateway shards a process owns. The zero value owns
// every server.
type Shards struct {
	Count int   // SHARD_COUNT; 0 or 1 means one shard
	IDs   []int // the shard ids owned, each in [0, Count)
}

// All reports whether the set owns every server.
func (s Shards) All() bool {
	if s.Count <= 1 {
		return true
	}
	for i := range s.Count {
		if !slices.Contains(s.IDs, i) {
			return false
		}
	}
	return true
}

// ShardOf returns the shard of a server, (guild_id >> 22) % count, as
// Discord assigns them. A guild id that is not a number is on shard 0.
func ShardOf(guildID string, count int) int {
	if count <= 1 {
		return 0
	}
	n, err := strconv.ParseUint(guildID, 10, 64)
	if err != nil {
		return 0
	}
	return int((n >> 22) % uint64(count))
}

// Owns reports whether the server's shard is in the set.
func (s Shards) Owns(guildID string) bool {
	if s.All() {
		return true
	}
	return slices.Contains(s.IDs, ShardOf(guildID, s.Count))
}

// String renders the set as "0-3/8", or "all".
func (s Shards) String() string {
	if s.All() {
		return "all"
	}
	parts := make([]string, len(s.IDs))
	for i, id := range s.IDs {
		parts[i] = strconv.Itoa(id)
	}
	return strings.Join(parts, ",") + "/" + strconv.Itoa(s.Count)
}

// ParseShards reads the SHARD_ID, SHARD_COUNT and SHARDS settings: SHARDS is
// a list of ids and ranges such as "0-3" or "0,2,5-7" and wins over SHARD_ID.
// All empty means one process owning everything.
func ParseShards(shardID, shardCount, shards string) (Shards, error) {
	shardID, shardCount, shards = strings.TrimSpace(shardID), strings.TrimSpace(shardCount), strings.TrimSpace(shards)
	if shardCount == "" {
		if shardID != "" || shards != "" {
			return Shards{}, fmt.Errorf("SHARD_ID or SHARDS needs SHARD_COUNT")
		}
		return Shards{}, nil
	}
	count, err := strconv.Atoi(shardCount)
	if err != nil || count < 1 {
		return Shards{}, fmt.Errorf("SHARD_COUNT %q is not a positive number", shardCount)
	}
	s := Shards{Count: count}
	add := func(id int) error {
		if id < 0 || id >= count {
			return fmt.Errorf("shard %d is outside 0-%d", id, count-1)
		}
		if !slices.Contains(s.IDs, id) {
			s.IDs = append(s.IDs, id)
		}
		return nil
	}
	switch {
	case shards != "":
		for part := range strings.SplitSeq(shards, ",") {
			lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
			a, err := strconv.Atoi(strings.TrimSpace(lo))
			if err != nil {
				return Shards{}, fmt.Errorf("SHARDS %q: %q is not a shard id or range", shards, part)
			}
			b := a
			if isRange {
				if b, err = strconv.Atoi(strings.TrimSpace(hi)); err != nil || b < a {
					return Shards{}, fmt.Errorf("SHARDS %q: %q is not a range low-high", shards, part)
				}
			}
			for id := a; id <= b; id++ {
				if err := add(id); err != nil {
					return Shards{}, fmt.Errorf("SHARDS %q: %w", shards, err)
				}
			}
		}
	case shardID != "":
		id, err := strconv.Atoi(shardID)
		if err != nil {
			return Shards{}, fmt.Errorf("SHARD_ID %q is not a number", shardID)
		}
		if err := add(id); err != nil {
			return Shards{}, fmt.Errorf("SHARD_ID: %w", err)
		}
	default:
		for id := range count {
			s.IDs = append(s.IDs, id)
		}
	}
	slices.Sort(s.IDs)
	return s, nil
}
