-- Who may read a case's history: its registrar, owner and zone butler, and whoever was offered or given
-- one of its tasks or a task of its follow-ups (kind U: a user, G: a group). Checked once per case page
-- (CaseAccess.mayRead). Kept out of Camunda's authorization table, whose every row of a reader is joined
-- by each of that reader's Tasklist queries: there, a reader's grants on the history of every case they
-- ever worked on made their task list slower with every case.
create table case_reader (
  process_instance_id varchar(64) not null,
  kind char(1) not null,
  reader_id varchar(255) not null,
  primary key (process_instance_id, kind, reader_id)
);
