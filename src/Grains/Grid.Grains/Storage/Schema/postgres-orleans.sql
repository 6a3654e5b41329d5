-- Grid: schema and queries for the Orleans ADO.NET providers on PostgreSQL
-- (persistence, reminders, clustering). Written for Orleans 10.4.x and Npgsql.
--
-- Orleans options: Invariant = "Npgsql", plus exactly one of ConnectionString or
-- DataSource (an NpgsqlDataSource).
--
-- Re-runnable: every statement is CREATE ... IF NOT EXISTS or an upsert, so running the file
-- again only refreshes the query texts. A runner splits the file on lines holding only
-- "-- GO" and executes each chunk as one command. Do not run it from several processes at
-- the same moment (concurrent CREATE TABLE IF NOT EXISTS can still collide in the catalog).
--
-- How Orleans uses this: at start it reads every row of OrleansQuery and later runs those
-- texts with its own parameters, bound by name (@Name). It reads result columns by name,
-- so the aliases below are part of the contract. Orleans opens no transaction: each query
-- is one statement (data-modifying CTEs) so that it is atomic on its own. Hashes arrive as
-- signed 32-bit integers; DateTime parameters arrive as UTC, hence timestamptz columns.
-- ETags are parsed by Orleans as int32, hence the version wrap at int max.

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  varchar(64) NOT NULL PRIMARY KEY,
    QueryText text        NOT NULL
);
-- GO

-- ===================================================================== persistence

CREATE TABLE IF NOT EXISTS grid_grain_state
(
    service_id      text        NOT NULL,
    grain_type_hash integer     NOT NULL,
    grain_type      text        NOT NULL,
    grain_id_hash   integer     NOT NULL,
    grain_id_n0     bigint      NOT NULL,
    grain_id_n1     bigint      NOT NULL,
    -- NULL for integer and Guid keys without a key extension.
    grain_id_ext    text        NULL,
    -- NULL after a clear (the row and its version survive a clear).
    payload         bytea       NULL,
    version         integer     NOT NULL,
    modified_on     timestamptz NOT NULL DEFAULT now()
);
-- GO

-- One row per grain: this is what makes concurrent first writes safe (ON CONFLICT) and
-- lets reads return at most one row. coalesce() because NULLs never collide in a unique
-- index. The hashes lead so that lookups touch a single index page.
CREATE UNIQUE INDEX IF NOT EXISTS ux_grid_grain_state_grain ON grid_grain_state
    (grain_id_hash, grain_type_hash, grain_id_n0, grain_id_n1, service_id, grain_type,
     (coalesce(grain_id_ext, '')));
-- GO

-- Read: zero rows means "never written"; a row with NULL payload means "cleared", and its
-- version is still the ETag the grain must present on its next write.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadFromStorageKey', $sql$
SELECT payload AS "PayloadBinary", version AS "Version"
FROM grid_grain_state
WHERE grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Write: optimistic concurrency lives here. A NULL version may only insert (a second
-- first-writer hits the unique index and gets no row); a non-NULL version may only update
-- the row still at that version. No row back => Orleans throws InconsistentStateException.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('WriteToStorageKey', $sql$
WITH updated AS (
    UPDATE grid_grain_state
    SET payload = @PayloadBinary,
        version = CASE WHEN version >= 2147483647 THEN 1 ELSE version + 1 END,
        modified_on = now()
    WHERE @GrainStateVersion IS NOT NULL AND version = @GrainStateVersion
      AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
      AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
      AND service_id = @ServiceId AND grain_type = @GrainTypeString
      AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
    RETURNING version
), inserted AS (
    INSERT INTO grid_grain_state
        (service_id, grain_type_hash, grain_type, grain_id_hash, grain_id_n0, grain_id_n1,
         grain_id_ext, payload, version)
    SELECT @ServiceId, @GrainTypeHash, @GrainTypeString, @GrainIdHash, @GrainIdN0, @GrainIdN1,
           @GrainIdExtensionString, @PayloadBinary, 1
    WHERE @GrainStateVersion IS NULL
    ON CONFLICT DO NOTHING
    RETURNING version
)
SELECT version AS "NewGrainStateVersion" FROM updated
UNION ALL
SELECT version FROM inserted;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Clear (DeleteStateOnClear = false): keep the row and bump its version, so a stale
-- activation cannot write over the clear. Must return a version different from the old one.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ClearStorageKey', $sql$
UPDATE grid_grain_state
SET payload = NULL,
    version = CASE WHEN version >= 2147483647 THEN 1 ELSE version + 1 END,
    modified_on = now()
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING version;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Clear (DeleteStateOnClear = true): remove the row. Orleans only checks that the value
-- returned differs from the ETag it sent, then forgets the ETag (next write inserts).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteStorageKey', $sql$
DELETE FROM grid_grain_state
WHERE version = @GrainStateVersion
  AND grain_id_hash = @GrainIdHash AND grain_type_hash = @GrainTypeHash
  AND grain_id_n0 = @GrainIdN0 AND grain_id_n1 = @GrainIdN1
  AND service_id = @ServiceId AND grain_type = @GrainTypeString
  AND grain_id_ext IS NOT DISTINCT FROM @GrainIdExtensionString
RETURNING version::bigint + 1;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- ======================================================================= reminders

CREATE TABLE IF NOT EXISTS grid_reminder
(
    service_id    text        NOT NULL,
    grain_id      text        NOT NULL,
    reminder_name text        NOT NULL,
    start_time    timestamptz NOT NULL,
    -- Milliseconds; Orleans sends an int or, past int max, a long.
    period        bigint      NOT NULL,
    -- Signed 32-bit uniform hash of the grain id, used to split the ring between silos.
    grain_hash    integer     NOT NULL,
    version       integer     NOT NULL,
    PRIMARY KEY (service_id, grain_id, reminder_name)
);
-- GO

-- Each silo periodically loads the reminders of its hash range.
CREATE INDEX IF NOT EXISTS ix_grid_reminder_hash ON grid_reminder (service_id, grain_hash);
-- GO

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowsKey', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM grid_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Range (BeginHash, EndHash] used when BeginHash < EndHash as signed integers.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows1Key', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM grid_reminder
WHERE service_id = @ServiceId AND grain_hash > @BeginHash AND grain_hash <= @EndHash;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- The range wraps around the ring (BeginHash >= EndHash; equal means the whole ring,
-- which is what a lone silo asks for).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadRangeRows2Key', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM grid_reminder
WHERE service_id = @ServiceId AND (grain_hash > @BeginHash OR grain_hash <= @EndHash);
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('ReadReminderRowKey', $sql$
SELECT grain_id AS "GrainId", reminder_name AS "ReminderName", start_time AS "StartTime",
       period AS "Period", version AS "Version"
FROM grid_reminder
WHERE service_id = @ServiceId AND grain_id = @GrainId AND reminder_name = @ReminderName;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Register or re-register: last writer wins (Orleans sends no ETag here). Must return
-- exactly one row: the new ETag.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpsertReminderRowKey', $sql$
INSERT INTO grid_reminder
    (service_id, grain_id, reminder_name, start_time, period, grain_hash, version)
VALUES (@ServiceId, @GrainId, @ReminderName, @StartTime, @Period, @GrainHash, 0)
ON CONFLICT (service_id, grain_id, reminder_name) DO UPDATE
SET start_time = excluded.start_time,
    period = excluded.period,
    grain_hash = excluded.grain_hash,
    version = CASE WHEN grid_reminder.version >= 2147483647 THEN 0
                   ELSE grid_reminder.version + 1 END
RETURNING version AS "Version";
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Unregister only the version the caller saw. Must return exactly one row with one
-- boolean column, also when nothing was deleted (hence the aggregate).
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowKey', $sql$
WITH deleted AS (
    DELETE FROM grid_reminder
    WHERE service_id = @ServiceId AND grain_id = @GrainId
      AND reminder_name = @ReminderName AND version = @Version
    RETURNING 1
)
SELECT count(*) > 0 FROM deleted;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Used by Orleans' test hooks only.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteReminderRowsKey', $sql$
DELETE FROM grid_reminder WHERE service_id = @ServiceId;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- ====================================================================== clustering

-- One row per cluster (Orleans calls it DeploymentId = ClusterOptions.ClusterId). Its
-- version is the membership table's ETag: every membership change must bump it.
CREATE TABLE IF NOT EXISTS grid_membership_version
(
    deployment_id text        NOT NULL PRIMARY KEY,
    version       integer     NOT NULL DEFAULT 0,
    updated_at    timestamptz NOT NULL DEFAULT now()
);
-- GO

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS grid_membership
(
    deployment_id   text        NOT NULL,
    address         text        NOT NULL,
    port            integer     NOT NULL,
    generation      integer     NOT NULL,
    silo_name       text        NOT NULL,
    host_name       text        NOT NULL,
    status          integer     NOT NULL,
    proxy_port      integer     NOT NULL,
    -- "silo,date|silo,date": death votes, formatted and parsed by Orleans.
    suspect_times   text        NULL,
    start_time      timestamptz NOT NULL,
    i_am_alive_time timestamptz NOT NULL,
    PRIMARY KEY (deployment_id, address, port, generation)
);
-- GO

-- Run by every silo at start. Must return exactly one row: true if this call created it.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipVersionKey', $sql$
WITH inserted AS (
    INSERT INTO grid_membership_version (deployment_id, version)
    VALUES (@DeploymentId, 0)
    ON CONFLICT (deployment_id) DO NOTHING
    RETURNING 1
)
SELECT count(*) > 0 FROM inserted;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Join: insert the silo's row and bump the table version in one statement, and only if
-- the caller saw the current version. A concurrent duplicate insert raises a key error,
-- which rolls back the bump too (Orleans treats errors as failure and retries).
-- Must return exactly one row with one boolean column.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('InsertMembershipKey', $sql$
WITH bumped AS (
    UPDATE grid_membership_version
    SET version = CASE WHEN version >= 2147483647 THEN 0 ELSE version + 1 END,
        updated_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
      AND NOT EXISTS (SELECT 1 FROM grid_membership
                      WHERE deployment_id = @DeploymentId AND address = @Address
                        AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), inserted AS (
    INSERT INTO grid_membership
        (deployment_id, address, port, generation, silo_name, host_name, status, proxy_port,
         start_time, i_am_alive_time)
    SELECT deployment_id, @Address, @Port, @Generation, @SiloName, @HostName, @Status,
           @ProxyPort, @StartTime, @IAmAliveTime
    FROM bumped
    RETURNING 1
)
SELECT count(*) > 0 FROM inserted;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Status change or death vote: same rule, the row changes only together with a version
-- bump from the version the caller saw. Exactly one boolean row.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateMembershipKey', $sql$
WITH bumped AS (
    UPDATE grid_membership_version
    SET version = CASE WHEN version >= 2147483647 THEN 0 ELSE version + 1 END,
        updated_at = now()
    WHERE deployment_id = @DeploymentId AND version = @Version
      AND EXISTS (SELECT 1 FROM grid_membership
                  WHERE deployment_id = @DeploymentId AND address = @Address
                    AND port = @Port AND generation = @Generation)
    RETURNING deployment_id
), updated AS (
    UPDATE grid_membership m
    SET status = @Status, suspect_times = @SuspectTimes, i_am_alive_time = @IAmAliveTime
    FROM bumped
    WHERE m.deployment_id = bumped.deployment_id AND m.address = @Address
      AND m.port = @Port AND m.generation = @Generation
    RETURNING 1
)
SELECT count(*) > 0 FROM updated;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Heartbeat: diagnostic only, deliberately not versioned.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('UpdateIAmAlivetimeKey', $sql$
UPDATE grid_membership
SET i_am_alive_time = @IAmAliveTime
WHERE deployment_id = @DeploymentId AND address = @Address
  AND port = @Port AND generation = @Generation;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- The version row drives the join: one row even when the silo has no row yet (its
-- member columns are then NULL, which Orleans reads as "no entry").
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadRowKey', $sql$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port",
       m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
       m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM grid_membership_version v
LEFT JOIN grid_membership m
       ON m.deployment_id = v.deployment_id AND m.address = @Address
      AND m.port = @Port AND m.generation = @Generation
WHERE v.deployment_id = @DeploymentId;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Same shape as MembershipReadRowKey; one statement, so every row carries the same version.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('MembershipReadAllKey', $sql$
SELECT v.version AS "Version", m.address AS "Address", m.port AS "Port",
       m.generation AS "Generation", m.silo_name AS "SiloName", m.host_name AS "HostName",
       m.status AS "Status", m.proxy_port AS "ProxyPort", m.suspect_times AS "SuspectTimes",
       m.start_time AS "StartTime", m.i_am_alive_time AS "IAmAliveTime"
FROM grid_membership_version v
LEFT JOIN grid_membership m ON m.deployment_id = v.deployment_id
WHERE v.deployment_id = @DeploymentId;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Clients find gateways here: active silos (@Status = 3) that accept client connections.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('GatewaysQueryKey', $sql$
SELECT address AS "Address", proxy_port AS "ProxyPort", generation AS "Generation"
FROM grid_membership
WHERE deployment_id = @DeploymentId AND status = @Status AND proxy_port > 0;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Drops a whole cluster (Orleans test hooks / tooling). One statement, so atomic.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('DeleteMembershipTableEntriesKey', $sql$
WITH members AS (
    DELETE FROM grid_membership WHERE deployment_id = @DeploymentId
)
DELETE FROM grid_membership_version WHERE deployment_id = @DeploymentId;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Bulk cleanup of old entries of silos that are not active. Required by Orleans, but
-- 10.4 uses it only when CleanupDefunctSiloEntryKey below is absent.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntriesKey', $sql$
DELETE FROM grid_membership
WHERE deployment_id = @DeploymentId AND i_am_alive_time < @IAmAliveTime AND status <> 3;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
-- GO

-- Optional (Orleans 10.4+): delete one dead entry only if it is still exactly what the
-- cleanup agent saw (no new vote or heartbeat since), so a racing update is never lost.
INSERT INTO OrleansQuery (QueryKey, QueryText) VALUES ('CleanupDefunctSiloEntryKey', $sql$
DELETE FROM grid_membership
WHERE deployment_id = @DeploymentId AND address = @Address
  AND port = @Port AND generation = @Generation
  AND status = 6
  AND start_time = @StartTime AND i_am_alive_time = @IAmAliveTime
  AND suspect_times IS NOT DISTINCT FROM @SuspectTimes;
$sql$)
ON CONFLICT (QueryKey) DO UPDATE SET QueryText = excluded.QueryText;
