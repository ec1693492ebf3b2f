package com.guanjia.escalation;

import com.guanjia.process.RequestVariables;
import java.util.Date;
import java.util.GregorianCalendar;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.context.BpmnExecutionContext;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;

/**
 * The engine's calendar for timer durations and task due dates. A case triaged as anything but
 * {@code URGENT} counts its targets in working time ({@link BusinessHours}), its project's ({@link ServiceHours}); urgent cases, and
 * anything that is not a case, run on the 24-hour clock (R2). Because the engine itself resolves the
 * due dates with it, the dates Cockpit and Tasklist show are the real ones.
 */
class SlaCalendar implements BusinessCalendar {
  static final String URGENT = "URGENT";

  private final ServiceHours hours;
  private final BusinessCalendar dates = new DueDateBusinessCalendar();
  /**
   * One factory for every timer: the engine's own DurationHelper looks one up through the service loader
   * on each call, which was a twentieth of an escalation job's time in a burst.
   */
  private final DatatypeFactory durations;

  SlaCalendar(ServiceHours hours) {
    this.hours = hours;
    try {
      this.durations = DatatypeFactory.newInstance();
    } catch (DatatypeConfigurationException e) {
      throw new IllegalStateException("no javax.xml.datatype implementation", e);
    }
  }

  @Override
  public Date resolveDuedate(String duedate) {
    return resolveDuedate(duedate, (Date) null);
  }

  @Override
  public Date resolveDuedate(String duedate, Task task) {
    return resolveDuedate(duedate, (Date) null);
  }

  @Override
  public Date resolveDuedate(String duedate, Date startDate) {
    String text = duedate == null ? "" : duedate.trim();
    if (!text.startsWith("P")) {
      return dates.resolveDuedate(text, startDate); // a date, or a repeating cycle: nothing to count
    }
    Date from = startDate != null ? startDate : ClockUtil.getCurrentTime();
    BusinessHours working = workingTime();
    if (working == null) {
      try {
        GregorianCalendar due = new GregorianCalendar();
        due.setTime(from);
        durations.newDuration(text).addTo(due);
        return due.getTime();
      } catch (IllegalArgumentException | UnsupportedOperationException e) {
        throw new IllegalArgumentException("not an ISO-8601 duration: " + text, e);
      }
    }
    return Date.from(working.plus(from.toInstant(), text));
  }

  /**
   * The working time a timer counts in: a non-urgent case's, in the service hours of its project (管理处; the
   * instance's tenant, {@link com.guanjia.security.ProjectTenants}), else the company's. Null: the 24-hour clock
   * (urgent, or not a case).
   */
  private BusinessHours workingTime() {
    BpmnExecutionContext context = Context.getBpmnExecutionContext();
    if (context == null || context.getExecution() == null) {
      return null;
    }
    String priority = RequestVariables.of(context.getExecution()).priority();
    if (priority == null || URGENT.equals(priority)) {
      return null;
    }
    return hours.of(context.getExecution().getTenantId());
  }
}
