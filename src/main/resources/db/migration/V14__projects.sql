-- Several projects (管理处, issue 14): a company runs projects, each with its zones, its own supervisor, project
-- manager and quality contacts and its 24-hour duty phone (on its zones' service cards). Zones belong to one.
create table project (
    project_id    varchar(32)  primary key,
    name          varchar(100) not null,
    supervisor_id varchar(64),
    manager_id    varchar(64),
    quality_id    varchar(64),
    duty_phone    varchar(32)
);
alter table zone add column project_id varchar(32) references project (project_id);
