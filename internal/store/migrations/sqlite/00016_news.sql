-- +goose Up
-- News items of the platform and the subscriptions of the public to them.
-- Times are RFC 3339 UTC text written by Go. A news item is written in one
-- language (lang); its body is markdown, rendered and sanitised on the way
-- out. published_at is when it was last published (NULL while never
-- published); plan_id and event_id optionally link it to a plan or an
-- event. content_hash is the row's fingerprint, which VerifyContent
-- recomputes; version is for optimistic concurrency.
CREATE TABLE news (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL DEFAULT '',
    lang         TEXT NOT NULL,
    published    INTEGER NOT NULL DEFAULT 0,
    published_at TEXT,
    plan_id      INTEGER,
    event_id     INTEGER,
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
);
CREATE INDEX news_published ON news(published, published_at);

-- A subscription of one address to one topic: news, upcoming events, or
-- a plan's published monitoring rounds (plan_id). email_key is the address
-- folded to lower case, the key of uniqueness; lang is the language mails
-- are written in. Only confirmed subscriptions get digests.
CREATE TABLE subscriptions (
    id             INTEGER PRIMARY KEY,
    email          TEXT NOT NULL,
    email_key      TEXT NOT NULL,
    topic          TEXT NOT NULL,
    plan_id        INTEGER NOT NULL DEFAULT 0,
    lang           TEXT NOT NULL,
    status         TEXT NOT NULL,
    confirmed_at   TEXT,
    last_digest_at TEXT,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    UNIQUE (email_key, topic, plan_id)
);
CREATE INDEX subscriptions_status ON subscriptions(status, id);

-- One-time tokens of subscriptions: only their SHA-256 is stored. A
-- confirmation token expires; an unsubscribe token, one per mail sent,
-- lasts as long as the subscription.
CREATE TABLE subscription_tokens (
    token_hash      TEXT PRIMARY KEY,
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    purpose         TEXT NOT NULL,
    expires_at      TEXT,
    created_at      TEXT NOT NULL
);
CREATE INDEX subscription_tokens_sub ON subscription_tokens(subscription_id, purpose);

-- What a subscription's digests already carried, so that nothing is sent
-- twice: kind is news, round or event.
CREATE TABLE subscription_sent (
    subscription_id INTEGER NOT NULL REFERENCES subscriptions(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL,
    item_id         INTEGER NOT NULL,
    sent_at         TEXT NOT NULL,
    PRIMARY KEY (subscription_id, kind, item_id)
);

-- Subscribe attempts, for the rate limit per address and per sender
-- (both hashed), kept in the database so that every instance shares it.
CREATE TABLE subscription_attempts (
    id         INTEGER PRIMARY KEY,
    email_hash TEXT NOT NULL,
    client     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX subscription_attempts_email ON subscription_attempts(email_hash, created_at);
CREATE INDEX subscription_attempts_client ON subscription_attempts(client, created_at);

-- +goose Down
DROP TABLE subscription_attempts;
DROP TABLE subscription_sent;
DROP TABLE subscription_tokens;
DROP TABLE subscriptions;
DROP TABLE news;
