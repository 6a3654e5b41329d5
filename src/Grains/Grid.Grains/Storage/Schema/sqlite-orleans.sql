-- Grid: schema and queries for the Orleans ADO.NET providers on SQLite
-- (persistence, reminders, clustering). Written for Orleans 10.4.x and
-- Microsoft.Data.Sqlite (needs SQLite 3.35+ for RETURNING).
--
-- Orleans options: Invariant = "System.Data.SQLite" exactly (Orleans maps that name to
-- Microsoft.Data.Sqlite itself), plus exactly one of ConnectionString or DataSource.
--
-- Re-runnable: every statement is CREATE ... IF NOT EXISTS or an upsert, so running the file
-- again only refreshes the query texts. A runner splits the file on lines holding only
-- "-- GO" and executes each chunk as one command.
--
-- How Orleans uses this: at start it reads every row of OrleansQuery and later runs those
-- texts with its own parameters, bound by name (@Name). It reads result columns by name,
-- so the aliases below are part of the contract. Orleans opens no transaction, and SQLite
-- has no data-modifying CTEs, so some queries are two or three statements arranged so that
-- each one is atomic and an interruption between them leaves nothing worse than a
-- spurious version bump. Orleans reads every result set, so only the statement meant to
-- answer returns rows. Hashes arrive as signed 32-bit integers. DateTimes are stored as
-- text ("yyyy-MM-dd HH:mm:ss.FFFFFFF", no zone) and read back as UTC; that format sorts
-- correctly as text. ETags are parsed by Orleans as int32, hence the version wrap.
-- Query texts are SQL string literals: they must not contain a single quote.

-- WAL is stored in the file, so this sticks. It matters for correctness under concurrency,
-- not only speed: several queries below use RETURNING, and Microsoft.Data.Sqlite does not
-- retry SQLITE_BUSY while it reads rows, which is when such a statement commits. In WAL a
-- commit never waits for readers; in the default rollback journal it does, and a second
-- connection reading at that moment makes the write fail with "database is locked".
-- (Needs no other open connection at the time it runs; a no-op once the file is in WAL.)
PRAGMA journal_mode = WAL;
-- GO

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  TEXT NOT NULL PRIMARY KEY,
    QueryText TEXT NOT NULL
);
-- GO

-- ===================================================================== persistence

CREATE TABLE IF NOT EXISTS grid_grain_state
(
    service_id      TEXT    NOT NULL,
    grain_type_hash INTEGER NOT NULL,
    grain_type      TEXT    NOT NULL,
    grain_id_hash   INTEGER NOT NULL,
    grain_id_n0     INTEGER NOT NULL,
    grain_id_n1     INTEGER NOT NULL,
    -- NULL for integer and Guid keys without a key extension.
    grain_id_ext    TEXT    NULL,
    -- NULL after a clear (the row and its version survive a clear).
    payload         BLOB    NULL,
    version         INTEGER NOT NULL,
    modified_on     TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- GO

-- One row per grain: this is what makes concurrent first writes safe (ON CONFLICT) and
-- lets reads return at most one row. ifnull() because NULLs never collide in a unique
-- index. The hashes lead so that lookups are served by this index.
CREATE UNIQUE INDEX IF NOT EXISTS ux_grid_grain_state_grain ON grid_grain_state
    (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, service_id, grain_type,
     ifnull(grain_id_ext, ''));
-- GO

-- Read: zero rows means "never written"; a row with NULL payload means "cleared", and its
-- version is still the ETag the grain must present on its next write.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', '
SELECT payload AS PayloadBinary, version AS Version
FROM grid_grain_state
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_ext IS @GrainIdExtensionString;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Write: optimistic concurrency lives here. A non-NULL version may only update the row
-- still at that version; a NULL version may only insert (a second first-writer hits the
-- unique index and gets no row). The two statements exclude each other, so at most one
-- row comes back. No row => Orleans throws InconsistentStateException.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', '
UPDATE grid_grain_state
SET payload = @PayloadBinary,
    version = CASE WHEN version >= 2147483647 THEN 1 ELSE version + 1 END,
    modified_on = CURRENT_TIMESTAMP
WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_ext IS @GrainIdExtensionString
RETURNING version AS NewGrainStateVersion;

INSERT INTO grid_grain_state
    (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1,
     grain_id_ext, payload, version)
SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
       @GrainIdExtensionString, @PayloadBinary, 1
WHERE @GrainStateVersion IS NULL
ON CONFLICT DO NOTHING
RETURNING version AS NewGrainStateVersion;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Clear (DeleteStateOnClear = false): keep the row and bump its version, so a stale
-- activation cannot write over the clear. Must return a version different from the old one.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', '
UPDATE grid_grain_state
SET payload = NULL,
    version = CASE WHEN version >= 2147483647 THEN 1 ELSE version + 1 END,
    modified_on = CURRENT_TIMESTAMP
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_ext IS @GrainIdExtensionString
RETURNING version;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Clear (DeleteStateOnClear = true): remove the row. Orleans only checks that the value
-- returned differs from the ETag it sent, then forgets the ETag (next write inserts).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', '
DELETE FROM grid_grain_state
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_ext IS @GrainIdExtensionString
RETURNING version + 1;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- ======================================================================= reminders

CREATE TABLE IF NOT EXISTS grid_reminder
(
    service_id    TEXT    NOT NULL,
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    start_time    TEXT    NOT NULL,
    -- Milliseconds.
    period        INTEGER NOT NULL,
    -- Signed 32-bit uniform hash of the grain id, used to split the ring between silos.
    grain_hash    INTEGER NOT NULL,
    version       INTEGER NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
-- GO

-- Each silo periodically loads the reminders of its hash range.
CREATE INDEX IF NOT EXISTS ix_grid_reminder_hash ON grid_reminder (service_id, grain_hash);
-- GO

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period AS Period, version AS Version
FROM grid_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Range (BeginHash, EndHash] used when BeginHash < EndHash as signed integers.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period AS Period, version AS Version
FROM grid_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- The range wraps around the ring (BeginHash >= EndHash; equal means the whole ring,
-- which is what a lone silo asks for).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period AS Period, version AS Version
FROM grid_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', '
SELECT grain_id AS GrainId, reminder_name AS ReminderName, start_time AS StartTime,
       period AS Period, version AS Version
FROM grid_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Register or re-register: last writer wins (Orleans sends no ETag here). Must return
-- exactly one row: the new ETag.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', '
INSERT INTO grid_reminder
    (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time,
    period = excluded.period,
    grain_hash = excluded.grain_hash,
    version = CASE WHEN grid_reminder.version >= 2147483647 THEN 0
                   ELSE grid_reminder.version + 1 END
RETURNING version AS Version;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Unregister only the version the caller saw. Must return exactly one row with one
-- boolean column, also when nothing was deleted: changes() reports the DELETE.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', '
DELETE FROM grid_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId
  AND reminder_name = @ReminderName AND version = @Version;

SELECT changes() > 0;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Used by Orleans' test hooks only.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', '
DELETE FROM grid_reminder WHERE service_id = @ServiceId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- ====================================================================== clustering
-- Optional for SQLite (embedded mode uses localhost clustering), but complete.

-- One row per cluster (Orleans calls it DeploymentId = ClusterOptions.ClusterId). Its
-- version is the membership table's ETag: every membership change must bump it.
CREATE TABLE IF NOT EXISTS grid_membership_version
(
    deployment_id TEXT    NOT NULL PRIMARY KEY,
    version       INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT    NOT NULL DEFAULT CURRENT_TIMESTAMP
);
-- GO

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS grid_membership
(
    deployment_id   TEXT    NOT NULL,
    address         TEXT    NOT NULL,
    port            INTEGER NOT NULL,
    generation      INTEGER NOT NULL,
    silo_name       TEXT    NOT NULL,
    host_name       TEXT    NOT NULL,
    status          INTEGER NOT NULL,
    proxy_port      INTEGER NOT NULL,
    -- "silo,date|silo,date": death votes, formatted and parsed by Orleans.
    suspect_times   TEXT    NULL,
    start_time      TEXT    NOT NULL,
    i_am_alive_time TEXT    NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);
-- GO

-- Run by every silo at start. Must return exactly one row: true if this call created it.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', '
INSERT INTO grid_membership_version (deployment_id, version)
VALUES (@DeploymentId, 0)
ON CONFLICT (deployment_id) DO NOTHING;

SELECT changes() > 0;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Join: bump the table version only if the caller saw the current one and the silo has
-- no row yet; insert the row only if that bump happened (changes() still reports the
-- UPDATE while the INSERT runs); answer whether the row went in. Exactly one boolean row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', '
UPDATE grid_membership_version
SET version = CASE WHEN version >= 2147483647 THEN 0 ELSE version + 1 END,
    updated_at = CURRENT_TIMESTAMP
WHERE deployment_id = @DeploymentId AND version = @Version
  AND NOT EXISTS (SELECT 1 FROM grid_membership
                  WHERE deployment_id = @DeploymentId AND address = @Address
                    AND port = @Port AND generation = @Generation);

INSERT INTO grid_membership
    (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
     start_time, i_am_alive_time)
SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
       @ProxyPort, @StartTime, @IAmAliveTime
WHERE changes() > 0;

SELECT changes() > 0;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Status change or death vote: same pattern, the row changes only after a version bump
-- from the version the caller saw. Exactly one boolean row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', '
UPDATE grid_membership_version
SET version = CASE WHEN version >= 2147483647 THEN 0 ELSE version + 1 END,
    updated_at = CURRENT_TIMESTAMP
WHERE deployment_id = @DeploymentId AND version = @Version
  AND EXISTS (SELECT 1 FROM grid_membership
              WHERE deployment_id = @DeploymentId AND address = @Address
                AND port = @Port AND generation = @Generation);

UPDATE grid_membership
SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address
  AND port = @Port AND generation = @Generation
  AND changes() > 0;

SELECT changes() > 0;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Heartbeat: diagnostic only, deliberately not versioned.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', '
UPDATE grid_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address
  AND port = @Port AND generation = @Generation;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- The version row drives the join: one row even when the silo has no row yet (its
-- member columns are then NULL, which Orleans reads as "no entry").
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', '
SELECT v.version AS Version, m.address AS Address, m.port AS Port,
       m.generation AS Generation, m.silo_name AS SiloName, m.host_name AS HostName,
       m.status AS Status, m.proxy_port AS ProxyPort, m.suspect_times AS SuspectTimes,
       m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM grid_membership_version v
LEFT JOIN grid_membership m
       ON m.deployment_id = v.deployment_id AND m.address = @Address
      AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Same shape as MembershipReadRowKey; one statement, so every row carries the same version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', '
SELECT v.version AS Version, m.address AS Address, m.port AS Port,
       m.generation AS Generation, m.silo_name AS SiloName, m.host_name AS HostName,
       m.status AS Status, m.proxy_port AS ProxyPort, m.suspect_times AS SuspectTimes,
       m.start_time AS StartTime, m.i_am_alive_time AS IAmAliveTime
FROM grid_membership_version v
LEFT JOIN grid_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Clients find gateways here: active silos (@Status = 3) that accept client connections.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', '
SELECT address AS Address, proxy_port AS ProxyPort, generation AS Generation
FROM grid_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Drops a whole cluster (Orleans test hooks / tooling).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', '
DELETE FROM grid_membership WHERE deployment_id = @DeploymentId;
DELETE FROM grid_membership_version WHERE deployment_id = @DeploymentId;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Bulk cleanup of old entries of silos that are not active. Required by Orleans, but
-- 10.4 uses it only when CleanupDefunctSiloEntryKey below is absent.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', '
DELETE FROM grid_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Optional (Orleans 10.4+): delete one dead entry only if it is still exactly what the
-- cleanup agent saw (no new vote or heartbeat since), so a racing update is never lost.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntryKey', '
DELETE FROM grid_membership
WHERE deployment_id = @DeploymentId AND address = @Address
  AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND suspect_times IS @SuspectTimes;
')
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
