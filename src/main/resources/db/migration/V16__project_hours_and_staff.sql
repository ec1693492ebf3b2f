-- Several projects (管理处, issue 14), continued. A project keeps its own service hours and calendar: its working
-- days (ISO numbers, 1 = Monday … 7 = Sunday), its daily hours and whether the public holidays of the calendar
-- files apply to it. Null: the company's (guanjia.business-hours). Non-urgent targets of its cases count in them.
alter table project add column service_start varchar(5);      -- 'HH:mm'
alter table project add column service_end varchar(5);        -- 'HH:mm', after service_start
alter table project add column service_days varchar(20);      -- e.g. '1,2,3,4,5,6,7'
alter table project add column public_holidays boolean;

-- A member of staff may work for one project: they then see its cases only (Camunda tenant = project). Null:
-- company-wide (supervisors, auditors and the head office as a company chooses).
alter table staff_member add column project_id varchar(32) references project (project_id);
