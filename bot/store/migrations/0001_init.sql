-- Servers and their settings. The types are the common ground of SQLite and
-- PostgreSQL: INTEGER for booleans, TEXT for times (RFC 3339, UTC).
CREATE TABLE guilds (
    guild_id        TEXT PRIMARY KEY,
    guild_num       BIGINT NOT NULL DEFAULT 0,  -- the snowflake as a number, for sharding
    answer_channels TEXT NOT NULL DEFAULT '',   -- channel ids separated by spaces
    daily_enabled   INTEGER NOT NULL DEFAULT 0,
    daily_channel   TEXT NOT NULL DEFAULT '',
    daily_hour      INTEGER NOT NULL DEFAULT 8,
    daily_minute    INTEGER NOT NULL DEFAULT 0,
    daily_zone      TEXT NOT NULL DEFAULT 'UTC',
    daily_since     TEXT NOT NULL DEFAULT '',
    daily_paused    TEXT NOT NULL DEFAULT '',
    last_post       TEXT NOT NULL DEFAULT '',   -- local date of the last claimed post
    updated_at      TEXT NOT NULL DEFAULT ''
);

CREATE INDEX guilds_daily ON guilds (daily_enabled, daily_paused);

-- One row per server and local date: claimed before the post is sent, marked
-- sent after. The primary key is what keeps two processes from posting twice.
CREATE TABLE daily_posts (
    guild_id   TEXT NOT NULL,
    local_date TEXT NOT NULL,             -- YYYY-MM-DD in the server's zone
    channel_id TEXT NOT NULL,
    status     TEXT NOT NULL,             -- claimed, sent, retry, failed
    token      TEXT NOT NULL,             -- who claimed it: host, pid and a random part
    attempts   INTEGER NOT NULL DEFAULT 1,
    facts      TEXT NOT NULL DEFAULT '',  -- ids of the facts posted, separated by spaces
    message_id TEXT NOT NULL DEFAULT '',
    note       TEXT NOT NULL DEFAULT '',  -- the last error, or why it was not sent
    claimed_at TEXT NOT NULL,
    sent_at    TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (guild_id, local_date)
);
