-- Grid's own tables on PostgreSQL: the append-only journal, the durable outbox, the waiting lists, the email thread
-- index and the index of live conversations.
-- Re-runnable. Statements are separated by "-- GO" lines.
CREATE TABLE IF NOT EXISTS grid_journal (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant          TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    seq             BIGINT  NOT NULL,
    customer_id     TEXT    NOT NULL,
    kind            INTEGER NOT NULL,
    at_ms           BIGINT  NOT NULL,
    idem_source     TEXT    NULL,
    idem_key        TEXT    NULL,
    payload_hash    TEXT    NULL,
    body            TEXT    NOT NULL
);
-- GO
-- Gap-free, total order per conversation: a second writer of the same seq loses.
CREATE UNIQUE INDEX IF NOT EXISTS ux_grid_journal_seq ON grid_journal (tenant, conversation_id, seq);
-- GO
-- The idempotency key of inbound messages (tenant, integrator, external id) and of agent replies.
CREATE UNIQUE INDEX IF NOT EXISTS ux_grid_journal_idem ON grid_journal (tenant, idem_source, idem_key) WHERE idem_key IS NOT NULL;
-- GO
CREATE INDEX IF NOT EXISTS ix_grid_journal_customer ON grid_journal (tenant, customer_id, id);
-- GO
CREATE TABLE IF NOT EXISTS grid_outbox (
    id              BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant          TEXT    NOT NULL,
    integrator      TEXT    NOT NULL,
    outbound_id     TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    seq             BIGINT  NOT NULL,
    created_ms      BIGINT  NOT NULL,
    acked_ms        BIGINT  NULL,
    body            TEXT    NOT NULL
);
-- GO
CREATE UNIQUE INDEX IF NOT EXISTS ux_grid_outbox_id ON grid_outbox (tenant, outbound_id);
-- GO
CREATE INDEX IF NOT EXISTS ix_grid_outbox_pending ON grid_outbox (tenant, integrator, id) WHERE acked_ms IS NULL;
-- GO
-- Conversations waiting for an agent, written in the same transaction as their transition to Queued and
-- deleted with the transition out of the queue. Queue grains load it on activation and re-read it on a
-- timer, so they keep no state of their own and never rewrite a growing blob.
CREATE TABLE IF NOT EXISTS grid_queue_entry (
    tenant          TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    queue           TEXT    NOT NULL,
    customer_id     TEXT    NOT NULL,
    channel         INTEGER NOT NULL,
    priority        INTEGER NOT NULL,
    enqueued_ms     BIGINT  NOT NULL,
    reason          TEXT    NOT NULL,
    PRIMARY KEY (tenant, conversation_id)
);
-- GO
CREATE INDEX IF NOT EXISTS ix_grid_queue_entry ON grid_queue_entry (tenant, queue, priority, enqueued_ms);
-- GO
-- The one agent a waiting conversation may be offered to (a transfer to a named agent), beside its queue entry and
-- written and deleted with it.
CREATE TABLE IF NOT EXISTS grid_queue_target (
    tenant          TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    agent_id        TEXT    NOT NULL,
    PRIMARY KEY (tenant, conversation_id)
);
-- GO
-- What a waiting conversation needs of an agent (its escalation's routing requirements: skills, language, sticky agent,
-- deadline; see RoutingRequirements), one per line, beside its queue entry and written and deleted with it.
CREATE TABLE IF NOT EXISTS grid_queue_need (
    tenant          TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    needs           TEXT    NOT NULL,
    PRIMARY KEY (tenant, conversation_id)
);
-- GO
-- Email Message-IDs (the customer's, and those Grid suggests for its replies) of each conversation, written with the
-- journal unit that carries them, so a reply naming one in In-Reply-To or References threads into its conversation.
CREATE TABLE IF NOT EXISTS grid_email_thread (
    tenant          TEXT    NOT NULL,
    message_id      TEXT    NOT NULL,
    conversation_id TEXT    NOT NULL,
    customer_id     TEXT    NOT NULL,
    PRIMARY KEY (tenant, message_id)
);
-- GO
-- The tenant's live conversations (not closed), one row each, for supervisors' lists: written in the same transaction as
-- the journal unit that changes one of its fields, deleted with the unit that closes the conversation. No tenant-wide
-- grain is called on each message; a list reads this table. Created here on start, so an existing database gains it
-- (conversations from before it appear at their next change of status, queue, agent or priority).
CREATE TABLE IF NOT EXISTS grid_conversation_index (
    tenant           TEXT    NOT NULL,
    conversation_id  TEXT    NOT NULL,
    customer_id      TEXT    NOT NULL,
    status           INTEGER NOT NULL,
    status_reason    TEXT    NULL,
    queue            TEXT    NOT NULL,
    assigned_agent   TEXT    NULL,
    priority         INTEGER NOT NULL,
    channel          INTEGER NOT NULL,
    language         TEXT    NULL,
    opened_ms        BIGINT  NOT NULL,
    updated_ms       BIGINT  NOT NULL,
    waiting_since_ms BIGINT  NULL,
    PRIMARY KEY (tenant, conversation_id)
);
-- GO
-- The list's order (priority descending, least recently changed first) and its keyset cursor.
CREATE INDEX IF NOT EXISTS ix_grid_conversation_index_order ON grid_conversation_index (tenant, priority DESC, updated_ms, conversation_id);
-- GO
-- The customer directory (DirectoryService): one row per imported customer, its record as JSON and that JSON's hash
-- (a re-import of the same record changes nothing).
CREATE TABLE IF NOT EXISTS grid_directory_customer (
    tenant       TEXT    NOT NULL,
    customer_id  TEXT    NOT NULL,
    record       TEXT    NOT NULL,
    record_hash  TEXT    NOT NULL,
    updated_ms   BIGINT  NOT NULL,
    PRIMARY KEY (tenant, customer_id)
);
-- GO
-- What identifies a directory customer in a message: "ref:" and the alphanumerics of an account, invoice, contract or
-- order number in upper case ("ref:INV202600123"), "domain:" and an email domain its contacts write from.
CREATE TABLE IF NOT EXISTS grid_directory_key (
    tenant       TEXT    NOT NULL,
    lookup       TEXT    NOT NULL,
    customer_id  TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    PRIMARY KEY (tenant, lookup, customer_id)
);
-- GO
CREATE INDEX IF NOT EXISTS ix_grid_directory_key_customer ON grid_directory_key (tenant, customer_id);
-- GO
-- Readiness probes (HealthProbeGrain): one row per edge process, rewritten by each probe.
CREATE TABLE IF NOT EXISTS grid_health (
    probe  TEXT    NOT NULL PRIMARY KEY,
    at_ms  BIGINT  NOT NULL
);
-- GO
-- Outbound messages taken out of delivery (too many sends unacknowledged, too old): their outbox row is marked done
-- (acked_ms set) so streams skip it; a retry deletes the row here and clears acked_ms, a discard only deletes it here.
CREATE TABLE IF NOT EXISTS grid_outbox_dead (
    tenant       TEXT    NOT NULL,
    outbound_id  TEXT    NOT NULL,
    integrator   TEXT    NOT NULL,
    outbox_id    BIGINT  NOT NULL,
    reason       TEXT    NOT NULL,
    attempts     INTEGER NOT NULL,
    dead_ms      BIGINT  NOT NULL,
    PRIMARY KEY (tenant, outbound_id)
);
-- GO
CREATE INDEX IF NOT EXISTS ix_grid_outbox_dead_list ON grid_outbox_dead (tenant, integrator, outbox_id);
-- GO
-- The tenants' audit log (AuditLogGrain, PrivacyGrain): admin and GDPR actions, who (an integrator's name, never a key),
-- what, when, the ids concerned (targets, a JSON array) and counts or versions (details, a JSON object). Never personal
-- data: an erasure is recorded with ids and counts. Append-only.
CREATE TABLE IF NOT EXISTS grid_audit (
    id       BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tenant   TEXT    NOT NULL,
    at_ms    BIGINT  NOT NULL,
    actor    TEXT    NOT NULL,
    action   TEXT    NOT NULL,
    targets  TEXT    NOT NULL,
    details  TEXT    NOT NULL
);
-- GO
CREATE INDEX IF NOT EXISTS ix_grid_audit_tenant ON grid_audit (tenant, id);
-- GO
-- Customer tags for proactive audiences (docs/architecture.md, "Proactive pushes"): one value per key and customer, in
-- lower case (a bare tag has an empty value). Set by integrators (ProactiveService.SetCustomerTags) and replaced by each
-- directory import of the customer. An audience reads the lookup index, never every customer.
CREATE TABLE IF NOT EXISTS grid_customer_tag (
    tenant       TEXT    NOT NULL,
    customer_id  TEXT    NOT NULL,
    tag_key      TEXT    NOT NULL,
    tag_value    TEXT    NOT NULL,
    PRIMARY KEY (tenant, customer_id, tag_key)
);
-- GO
CREATE INDEX IF NOT EXISTS ix_grid_customer_tag_lookup ON grid_customer_tag (tenant, tag_key, tag_value, customer_id);
-- GO
-- One row per incident message and customer: what the fan-out did (queued with the push's outbound id, sent, delivered,
-- deferred until due_ms, skipped with a reason, failed), the channel used and those tried (comma-separated channel
-- numbers). Progress counts are read from it; deferred pushes are found by due time.
CREATE TABLE IF NOT EXISTS grid_incident_delivery (
    tenant       TEXT    NOT NULL,
    incident_id  TEXT    NOT NULL,
    message_no   INTEGER NOT NULL,
    customer_id  TEXT    NOT NULL,
    state        TEXT    NOT NULL,
    reason       TEXT    NULL,
    channel      INTEGER NOT NULL,
    tried        TEXT    NOT NULL,
    outbound_id  TEXT    NULL,
    due_ms       BIGINT  NULL,
    updated_ms   BIGINT  NOT NULL,
    PRIMARY KEY (tenant, incident_id, message_no, customer_id)
);
-- GO
CREATE INDEX IF NOT EXISTS ix_grid_incident_delivery_due ON grid_incident_delivery (tenant, incident_id, due_ms) WHERE due_ms IS NOT NULL;
-- GO
-- Affected customers who wrote in while an incident was open: "deflected" (answered by the bot), "escalated" (to a person).
CREATE TABLE IF NOT EXISTS grid_incident_contact (
    tenant       TEXT    NOT NULL,
    incident_id  TEXT    NOT NULL,
    customer_id  TEXT    NOT NULL,
    outcome      TEXT    NOT NULL,
    at_ms        BIGINT  NOT NULL,
    PRIMARY KEY (tenant, incident_id, customer_id)
);
-- GO
-- Scheduled pushes (callbacks, appointment reminders, follow-ups): one row per push with its definition (templates and
-- variables as JSON: personal data, exported and erased with the customer), where it stands (scheduled, deferred until
-- next_ms, sent with its outbound id, skipped with a reason, cancelled, failed), the channel used and those tried.
CREATE TABLE IF NOT EXISTS grid_scheduled_push (
    tenant       TEXT    NOT NULL,
    push_id      TEXT    NOT NULL,
    customer_id  TEXT    NOT NULL,
    kind         TEXT    NOT NULL,
    due_ms       BIGINT  NOT NULL,
    status       TEXT    NOT NULL,
    reason       TEXT    NULL,
    channel      INTEGER NOT NULL,
    tried        TEXT    NOT NULL,
    outbound_id  TEXT    NULL,
    next_ms      BIGINT  NULL,
    sent_ms      BIGINT  NULL,
    payload_hash TEXT    NOT NULL,
    definition   TEXT    NOT NULL,
    created_ms   BIGINT  NOT NULL,
    updated_ms   BIGINT  NOT NULL,
    PRIMARY KEY (tenant, push_id)
);
-- GO
CREATE INDEX IF NOT EXISTS ix_grid_scheduled_push_customer ON grid_scheduled_push (tenant, customer_id, due_ms);
-- GO
-- Pushes written to the outbox by an incident's batch (outbound id push/…) and not yet recorded in the customer's
-- conversation: the linker works through them, a customer's own are linked before their next inbound message, and a
-- row goes when its push is in the conversation (the outbox row then names that conversation and sequence number).
CREATE TABLE IF NOT EXISTS grid_incident_link (
    tenant       TEXT    NOT NULL,
    outbound_id  TEXT    NOT NULL,
    incident_id  TEXT    NOT NULL,
    message_no   INTEGER NOT NULL,
    message_kind TEXT    NOT NULL,
    customer_id  TEXT    NOT NULL,
    PRIMARY KEY (tenant, outbound_id)
);
-- GO
CREATE INDEX IF NOT EXISTS ix_grid_incident_link_incident ON grid_incident_link (tenant, incident_id, customer_id);
-- GO
CREATE INDEX IF NOT EXISTS ix_grid_incident_link_customer ON grid_incident_link (tenant, customer_id);
