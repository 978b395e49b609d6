-- The watchdog's audit label is now its process, host:pid; the word "watchdog" comes from actor_type in
-- the reader's language ("看门狗 (host:pid)"). Rows written before say "watchdog (host:pid)", or, older,
-- "watchdog (<executor instance uuid>)": name those by the instance's host:pid (executor rows are never
-- deleted), then drop the English word from the rest.
UPDATE "recovery_audits" a
SET "actor_label" = i."host" || ':' || i."pid"
FROM "executor_instances" i
WHERE a."actor_type" = 'watchdog'
  AND a."actor_label" ~ '^watchdog \([0-9a-f-]{36}\)$'
  AND i."id"::text = substring(a."actor_label" from '^watchdog \(([0-9a-f-]{36})\)$');

UPDATE "recovery_audits"
SET "actor_label" = substring("actor_label" from '^watchdog \((.*)\)$')
WHERE "actor_type" = 'watchdog' AND "actor_label" ~ '^watchdog \(.*\)$';
