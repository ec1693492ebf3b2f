package com.guanjia.callback;

import static com.guanjia.process.ProcessContract.VAR_COMMENT;
import static com.guanjia.process.ProcessContract.VAR_REQUEST_NO;
import static com.guanjia.process.ProcessContract.VAR_SATISFACTION;

import com.guanjia.intake.RequestRecords;
import java.util.Arrays;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The resident's survey page, {@code /survey/{token}}: public (the resident has no login), reached from
 * the message sent after the last unanswered callback. It shows the request number and category only,
 * nothing personal.
 */
@Controller
@RequestMapping("/survey/{token}")
class SurveyController {
  static final int MAX_COMMENT = 500;

  private final Surveys surveys;
  private final RequestRecords records;

  SurveyController(Surveys surveys, RequestRecords records) {
    this.surveys = surveys;
    this.records = records;
  }

  @GetMapping
  ModelAndView show(@PathVariable String token) {
    Surveys.Invitation invitation = surveys.find(token).orElse(null);
    if (invitation == null) {
      return page("UNKNOWN", HttpStatus.NOT_FOUND);
    }
    if (invitation.answered()) {
      return page("ANSWERED", HttpStatus.OK);
    }
    if (surveys.expired(invitation)) {
      return page("EXPIRED", HttpStatus.GONE);
    }
    return form(invitation, null, null, null, HttpStatus.OK);
  }

  @PostMapping
  ModelAndView answer(@PathVariable String token, @RequestParam(required = false) String satisfaction,
      @RequestParam(required = false) String comment) {
    Surveys.Invitation invitation = surveys.find(token).orElse(null);
    if (invitation == null) {
      return page("UNKNOWN", HttpStatus.NOT_FOUND);
    }
    Satisfaction level = Arrays.stream(Satisfaction.values()).filter(s -> s.name().equals(satisfaction))
        .findFirst().orElse(null);
    if (level == null) {
      return form(invitation, VAR_SATISFACTION, satisfaction, comment, HttpStatus.BAD_REQUEST);
    }
    if (comment != null && comment.strip().codePointCount(0, comment.strip().length()) > MAX_COMMENT) {
      return form(invitation, VAR_COMMENT, satisfaction, comment, HttpStatus.BAD_REQUEST);
    }
    return switch (surveys.answer(token, level, comment)) {
      case RECORDED -> {
        ModelAndView page = page("THANKS", HttpStatus.OK);
        page.addObject("dissatisfied", level == Satisfaction.DISSATISFIED);
        yield page;
      }
      case ALREADY_ANSWERED -> page("ANSWERED", HttpStatus.OK);
      case EXPIRED -> page("EXPIRED", HttpStatus.GONE);
      case UNKNOWN -> page("UNKNOWN", HttpStatus.NOT_FOUND);
    };
  }

  private ModelAndView form(Surveys.Invitation invitation, String error, String chosen, String comment,
      HttpStatus status) {
    ModelAndView page = page("OPEN", status);
    page.addObject("token", invitation.token());
    page.addObject(VAR_REQUEST_NO, invitation.requestNo());
    page.addObject("category", records.find(invitation.requestNo()).map(RequestRecords.RequestRecord::category)
        .orElse(null));
    page.addObject("levels", Arrays.stream(Satisfaction.values()).map(Enum::name).toList());
    page.addObject("error", error);
    page.addObject("chosen", chosen);
    page.addObject(VAR_COMMENT, comment);
    return page;
  }

  private static ModelAndView page(String state, HttpStatus status) {
    ModelAndView page = new ModelAndView("survey");
    page.addObject("state", state);
    page.setStatus(status);
    return page;
  }
}
