package com.guanjia.escalation;

import java.util.Date;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.context.Context;
import org.springframework.stereotype.Component;

/**
 * A target's deadline fixed once, for a step that may be offered again: {@code ${slaDeadline.after(onSiteTarget)}}
 * is the moment the target ends from now, counted as the case's timers count it (working time of its project for
 * a non-urgent case, the 24-hour clock for an urgent one). 到达现场 keeps it when the technician reports "not
 * arrived" and the step is dispatched again: the on-site clock runs from notification until real arrival.
 */
@Component("slaDeadline")
public class SlaDeadline {

  public Date after(String duration) {
    return Context.getProcessEngineConfiguration().getBusinessCalendarManager()
        .getBusinessCalendar(DueDateBusinessCalendar.NAME).resolveDuedate(duration);
  }
}
