-- Messages are sent by the outbox dispatcher, not one process instance each: a dispatcher claims a due
-- message until claimed_until (claim_token names its claim); when that has run out (the node died)
-- another one sends it, under the same idempotency key. status RETRYING: the first attempt failed and a
-- message-delivery instance retries it.
alter table outbox_message add column claimed_until timestamp with time zone;
alter table outbox_message add column claim_token varchar(36);
