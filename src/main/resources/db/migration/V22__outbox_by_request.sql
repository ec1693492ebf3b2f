-- A request's messages are looked up by its number (its audit trail, its deliveries' incidents, the tests' and
-- operators' checks): without this index each lookup read the whole outbox, a million rows after a year.
create index outbox_message_request on outbox_message (request_no);
