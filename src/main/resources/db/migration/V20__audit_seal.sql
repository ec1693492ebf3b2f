-- A closed case's audit events chained by hash (issue 16): each event's hash covers its content and the hash
-- before it. Written when the case closes (again when a reopened case closes once more); verify recomputes it.
create table audit_seal (
    request_no varchar(32)  not null,
    seq        integer      not null,
    ref        varchar(200) not null,
    hash       char(64)     not null,
    sealed_at  timestamp with time zone not null,
    primary key (request_no, seq)
);
