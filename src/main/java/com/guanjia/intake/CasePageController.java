package com.guanjia.intake;

import com.guanjia.callback.CallbackFacts;
import com.guanjia.process.EngineQueries;
import com.guanjia.process.ProcessContract;
import com.guanjia.resident.StaffDirectory;
import com.guanjia.web.ForbiddenException;
import com.guanjia.web.NotFoundException;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.TaskService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.servlet.ModelAndView;

/**
 * The case card, {@code /cases/{requestNo}}: what staff need on one page when they call a resident,
 * linked from the Tasklist forms. The resident's name and phone are shown in full only to those who
 * talk to residents or work on the case (R10), like {@code GET /api/requests/{requestNo}}; personal
 * data thus stays out of the process variables and their history.
 */
@Controller
class CasePageController {
  private final CaseView cases;
  private final CallbackFacts callbacks;
  private final StaffDirectory staff;
  private final TaskService tasks;
  private final java.time.ZoneId zone;

  record FollowUp(String name, String assignee, java.time.OffsetDateTime created) {}

  CasePageController(CaseView cases, CallbackFacts callbacks, StaffDirectory staff, TaskService tasks,
      com.guanjia.GuanjiaProperties properties) {
    this.zone = properties.timeZone();
    this.cases = cases;
    this.callbacks = callbacks;
    this.staff = staff;
    this.tasks = tasks;
  }

  @GetMapping("/cases/{requestNo}")
  ModelAndView show(@PathVariable String requestNo) {
    ModelAndView page = new ModelAndView("case");
    page.addObject(ProcessContract.VAR_REQUEST_NO, requestNo);
    try {
      page.addObject("kase", cases.find(requestNo));
    } catch (NotFoundException e) {
      page.addObject("error", "notfound");
      page.setStatus(HttpStatus.NOT_FOUND);
      return page;
    } catch (CaseView.OtherProject e) {
      page.addObject("error", "otherProject");
      page.addObject("projectId", e.projectId);
      page.setStatus(HttpStatus.FORBIDDEN);
      return page;
    } catch (ForbiddenException | AuthorizationException e) {
      page.addObject("error", "forbidden");
      page.setStatus(HttpStatus.FORBIDDEN);
      return page;
    }
    page.addObject("callbacks", callbacks.visits(requestNo));
    // the case's follow-up: callbacks and service recovery of its visit plans (what the user may see)
    page.addObject("followUps", EngineQueries.all(tasks.createTaskQuery().processDefinitionKey(ProcessContract.PROCESS_CALLBACK_VISITS)
        .processInstanceBusinessKey(requestNo).orderByTaskCreateTime().asc()).stream()
        .map(t -> new FollowUp(t.getName(), t.getAssignee(), t.getCreateTime().toInstant().atZone(zone)
            .toOffsetDateTime()))
        .toList());
    page.addObject("staff", staff);
    return page;
  }
}
