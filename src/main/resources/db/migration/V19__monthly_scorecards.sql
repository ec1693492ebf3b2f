-- Issue 15: the month's scorecards as computed for quality's review (monthly-scorecards), one row per member of staff;
-- once quality confirms (scorecard_month), these rows are the month's scorecards and do not change.
create table scorecard (
    scored_month  char(7)     not null,
    staff_user_id varchar(64) not null,
    passed        boolean,
    composite     double precision,
    -- the whole scorecard as GET /api/scorecards/{yyyy-MM} gives it (JSON)
    card          text        not null,
    computed_at   timestamp with time zone not null,
    primary key (scored_month, staff_user_id)
);

-- The supervisor's monthly rating of each zone staff member against the work standards (seed 004 §2.7:
-- management rates staff), 1–5 with a note; it joins the scorecard.
create table supervisor_rating (
    scored_month  char(7)      not null,
    staff_user_id varchar(64)  not null,
    rated_by      varchar(64)  not null,
    rating        integer      not null check (rating between 1 and 5),
    note          varchar(1000),
    rated_at      timestamp with time zone not null,
    primary key (scored_month, staff_user_id)
);
