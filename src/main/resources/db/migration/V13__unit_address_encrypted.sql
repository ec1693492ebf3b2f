-- Where a resident lives is personal data too (R10, issue 14): the resident's unit is kept encrypted (unit_enc)
-- like the name; the building stays in clear (routing to the zone's staff needs it, and a building is not a home).
-- UnitAddressEncryption encrypts the units of residents written before this on start-up and clears unit_id.
alter table resident add column unit_enc varchar(512);
alter table resident add column building_id varchar(32);
update resident set building_id = (select u.building_id from unit u where u.unit_id = resident.unit_id);
alter table resident alter column unit_id drop not null;
create index resident_building on resident (building_id);
