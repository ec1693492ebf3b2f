package com.guanjia.web;

import com.guanjia.process.InvalidVariableException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of Guanjia's API is {@code application/problem+json}; a bad field is named in
 * {@code field} and listed in {@code errors}.
 */
@RestControllerAdvice
class ProblemHandling extends ResponseEntityExceptionHandler {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ProblemHandling.class);

  record FieldProblem(String field, String message) {}

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> errors = ex.getBindingResult().getFieldErrors().stream()
        .map(e -> new FieldProblem(e.getField(), e.getDefaultMessage()))
        .sorted((a, b) -> a.field().compareTo(b.field()))
        .toList();
    return ResponseEntity.badRequest().body(invalid(errors));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
        "The request body is not valid JSON of the expected shape.");
    problem.setTitle("Malformed request body");
    problem.setProperty("field", "body");
    return ResponseEntity.badRequest().body(problem);
  }

  @ExceptionHandler(InvalidFieldException.class)
  ResponseEntity<ProblemDetail> invalidField(InvalidFieldException ex) {
    return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(ex.field(), ex.getMessage()))));
  }

  @ExceptionHandler(InvalidVariableException.class)
  ResponseEntity<ProblemDetail> invalidVariable(InvalidVariableException ex) {
    return ResponseEntity.badRequest().body(invalid(List.of(new FieldProblem(ex.field(), ex.getMessage()))));
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemDetail> conflict(ConflictException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, ex.getMessage());
    problem.setTitle("Conflicts with an earlier request");
    problem.setProperty("field", ex.field());
    return ResponseEntity.unprocessableEntity().body(problem);
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemDetail> notFound(NotFoundException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
    problem.setTitle("Not found");
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
  }

  @ExceptionHandler({AuthorizationException.class, ForbiddenException.class})
  ResponseEntity<ProblemDetail> forbidden(RuntimeException ex) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, ex.getMessage());
    problem.setTitle("Forbidden");
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body(problem);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception ex) {
    LOG.error("Unexpected failure", ex);
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
        "Guanjia could not complete the request; nothing was changed. The error is in the server log.");
    problem.setTitle("Internal error");
    return ResponseEntity.internalServerError().body(problem);
  }

  private static ProblemDetail invalid(List<FieldProblem> errors) {
    ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
    problem.setTitle("Invalid request");
    problem.setType(URI.create("about:blank"));
    problem.setDetail(errors.stream().map(e -> e.field() + ": " + e.message())
        .reduce((a, b) -> a + "; " + b).orElse("invalid input"));
    problem.setProperty("field", errors.isEmpty() ? null : errors.get(0).field());
    problem.setProperty("errors", errors.stream().map(e -> Map.of("field", e.field(), "message", e.message())).toList());
    return problem;
  }
}
