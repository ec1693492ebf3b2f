-- Issue 15: what the monthly scorecards read of a closed case, written when it closes (and again when a reopened
-- case closes): who owned and handled it, when it was registered, first worked on, reached, planned, resolved and
-- closed, and how often it was reopened. Guanjia's own fact: it stays when Camunda's history of the case is cleaned.
create table case_summary (
    request_no    varchar(32)  primary key,
    project_id    varchar(32),
    type          varchar(16)  not null,
    category      varchar(32)  not null,
    priority      varchar(16),
    owner         varchar(64),
    handler       varchar(64),
    registered_at timestamp with time zone not null,
    responded_at  timestamp with time zone,
    arrived_at    timestamp with time zone,
    planned_at    timestamp with time zone,
    resolved_at   timestamp with time zone,
    closed_at     timestamp with time zone not null,
    reopen_count  integer      not null default 0
);
create index case_summary_closed on case_summary (closed_at);
