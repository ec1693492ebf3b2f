-- A request belongs to its resident's project (管理处, issue 14): recorded when it is registered (null for a
-- finding with no resident, or a zone not yet in a project). Cases started before this have none.
alter table service_request add column project_id varchar(32);
create index service_request_project on service_request (project_id, registered_at);
