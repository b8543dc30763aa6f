-- +goose Up
-- Invitations: an administrator creates an account without a password and
-- a one-time link with which the invitee chooses one. Like setup links,
-- only the hex SHA-256 of the token is kept. A new link for the same user
-- spends the earlier ones (used_at set), so only the newest works.
CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    user_id    BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT COLLATE "C" NOT NULL,
    expires_at TEXT COLLATE "C" NOT NULL,
    used_at    TEXT COLLATE "C"
);
CREATE INDEX invitations_user ON invitations(user_id);

-- When each user last signed in, for the administrators' list. Every
-- sign-in (a login, the setup link, an accepted invitation) opens a
-- session, so a trigger on sessions records it without the sign-in code
-- having to remember to. NULL: not known (never, or before this column).
ALTER TABLE users ADD COLUMN last_login_at TEXT COLLATE "C";
UPDATE users SET last_login_at = (SELECT MAX(s.created_at) FROM sessions s WHERE s.user_id = users.id);
-- +goose StatementBegin
CREATE FUNCTION sessions_note_login() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE users SET last_login_at = NEW.created_at WHERE id = NEW.user_id;
    RETURN NEW;
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER sessions_note_login AFTER INSERT ON sessions
    FOR EACH ROW EXECUTE FUNCTION sessions_note_login();

-- +goose Down
DROP TRIGGER sessions_note_login ON sessions;
DROP FUNCTION sessions_note_login();
ALTER TABLE users DROP COLUMN last_login_at;
DROP TABLE invitations;
