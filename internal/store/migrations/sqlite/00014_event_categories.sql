-- +goose Up
-- Participant categories, kept by coordinators: a code that registrations
-- and head counts record (plain ASCII, never changed once given), a label
-- per language (a JSON object written by Go), the place in forms and
-- tables, and whether the forms still offer it. The eight defaults are
-- seeded under the codes recorded data already uses; their content_hash
-- is the fingerprint Go computes for them (categoryRecord), so that
-- VerifyContent finds them intact.
CREATE TABLE event_categories (
    id           INTEGER PRIMARY KEY,
    code         TEXT NOT NULL UNIQUE,
    label        TEXT NOT NULL,
    position     INTEGER NOT NULL,
    active       INTEGER NOT NULL DEFAULT 1,
    version      INTEGER NOT NULL DEFAULT 1,
    content_hash TEXT NOT NULL DEFAULT '',
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX event_categories_position ON event_categories(position);

INSERT INTO event_categories (code, label, position, active, content_hash, created_at, updated_at) VALUES
    ('member_ngo', '{"az":"Platformanın üzvü olan QHT","en":"Platform member NGO","ru":"НПО — член платформы"}', 1, 1, '1b84394428a2d8c7869db3a5723be635', '2026-11-25T00:00:00.000Z', '2026-11-25T00:00:00.000Z'),
    ('non_member_ngo', '{"az":"Platformanın üzvü olmayan QHT","en":"Non-member NGO","ru":"НПО, не входящая в платформу"}', 2, 1, '8111c7bb271a96d2d37877b5e409bca3', '2026-11-25T00:00:00.000Z', '2026-11-25T00:00:00.000Z'),
    ('state_body', '{"az":"Dövlət orqanı","en":"State body","ru":"Государственный орган"}', 3, 1, '1e511821368626e9e0440c9709f15572', '2026-11-25T00:00:00.000Z', '2026-11-25T00:00:00.000Z'),
    ('foreign_guest', '{"az":"Xarici qonaq","en":"Foreign guest","ru":"Иностранный гость"}', 4, 1, 'e6ec11a0f88c79d251c54987401c0339', '2026-11-25T00:00:00.000Z', '2026-11-25T00:00:00.000Z'),
    ('media', '{"az":"Media","en":"Media","ru":"СМИ"}', 5, 1, '33f497e499b775194cd12bd02e8024cd', '2026-11-25T00:00:00.000Z', '2026-11-25T00:00:00.000Z'),
    ('international', '{"az":"Beynəlxalq təşkilat","en":"International organisation","ru":"Международная организация"}', 6, 1, '78ec5e997924698d5cfd86a14905638f', '2026-11-25T00:00:00.000Z', '2026-11-25T00:00:00.000Z'),
    ('business', '{"az":"Biznes","en":"Business","ru":"Бизнес"}', 7, 1, '55361e74c566ab87a20a1a8e3fa4c5e4', '2026-11-25T00:00:00.000Z', '2026-11-25T00:00:00.000Z'),
    ('other', '{"az":"Digər","en":"Other","ru":"Другое"}', 8, 1, '19496b1438efdd3114bbb04ab76cf98a', '2026-11-25T00:00:00.000Z', '2026-11-25T00:00:00.000Z');

-- +goose Down
DROP TABLE event_categories;
