-- Imports of a company's own spreadsheets (issue 14): who uploaded which file when, whether it was a dry run,
-- how it ended and what it found. The file itself is not kept (it holds residents' personal data in clear);
-- its SHA-256 says whether the same file came again.
create table archive_import (
    import_id      varchar(36)  primary key,
    kind           varchar(16)  not null,          -- RESIDENTS
    file_name      varchar(255) not null,
    file_sha256    varchar(64)  not null,
    dry_run        boolean      not null,
    state          varchar(16)  not null,          -- RUNNING / CHECKED / IMPORTED / REJECTED / FAILED
    started_by     varchar(64)  not null,
    started_at     timestamp with time zone not null,
    finished_at    timestamp with time zone,
    rows_total     integer      not null default 0,
    created_count  integer      not null default 0,
    updated_count  integer      not null default 0,
    unchanged_count integer     not null default 0,
    units_created  integer      not null default 0,
    problems       text                            -- JSON: [{row, field, column, message}], no personal data
);
create index archive_import_started on archive_import (started_at);

-- Where a change to a resident came from when it was not typed in: the import that made it.
alter table resident_change add column source varchar(64);

-- Residents the company gave no number get the next R-nnnn (R-0007 after the demo's R-0006), as the front
-- desk types them into the request form; numbers already taken are skipped.
create table resident_counter (
    counter_id integer primary key,
    last_no    bigint  not null
);
insert into resident_counter (counter_id, last_no) values (1, 0);
