-- AlterTable
ALTER TABLE "users" ADD COLUMN     "session_version" INTEGER NOT NULL DEFAULT 0;

-- A session ends when its user's password, role or active flag changes: every session carries the
-- session_version it was signed in with and is refused once the row's value differs. The database
-- raises the version itself, so no code path (the CLI, the console, a hand-written UPDATE) can change
-- one of these columns and leave the old sessions working.
CREATE FUNCTION users_end_sessions_on_change() RETURNS trigger AS $$
BEGIN
  NEW.session_version := OLD.session_version + 1;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER users_end_sessions_on_change
  BEFORE UPDATE OF password_hash, role, is_active ON "users"
  FOR EACH ROW
  WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash
        OR OLD.role IS DISTINCT FROM NEW.role
        OR OLD.is_active IS DISTINCT FROM NEW.is_active)
  EXECUTE FUNCTION users_end_sessions_on_change();
