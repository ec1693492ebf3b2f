-- Issue 5: a resident who could not be reached for a callback gets a short survey link instead (R5).
-- The token in the link is random: it names one invitation and gives nothing else away. The answer is
-- a fact for the scorecards (R7), like a reached callback.
create table callback_survey (
    token            varchar(32)  primary key,
    request_no       varchar(32)  not null,
    plan_instance_id varchar(64)  not null,
    callback_no      integer      not null,
    resident_id      varchar(32),
    sent_at          timestamp with time zone not null,
    answered_at      timestamp with time zone,
    satisfaction     varchar(20),
    comment          varchar(500),
    unique (plan_instance_id, callback_no)
);
create index callback_survey_request on callback_survey (request_no);
