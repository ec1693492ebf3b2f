package com.guanjia.security;

import jakarta.annotation.Priority;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.rest.exception.ExceptionHandlerHelper;
import org.camunda.bpm.spring.boot.starter.rest.CamundaJerseyResourceConfig;
import org.springframework.stereotype.Component;

/**
 * Camunda's REST API as the starter sets it up, with one answer corrected: reading, by its id, a task or instance
 * of another project (a tenant the user is not a member of, {@link ProjectTenants}) is refused by the engine with a
 * plain {@link ProcessEngineException}, which the REST API would answer with 500. It is a refusal: 403.
 */
@Component
class EngineRestResources extends CamundaJerseyResourceConfig {

  @Override
  protected void registerAdditionalResources() {
    super.registerAdditionalResources();
    register(OtherProjectRefused.class);
  }

  /** Before Camunda's own mapper of the same type; everything else it answers as Camunda would. */
  @Priority(1)
  public static class OtherProjectRefused implements ExceptionMapper<ProcessEngineException> {
    /** The engine's words when a command touches data of a tenant the user is not a member of. */
    static final String NOT_MY_TENANT = "because it belongs to no authenticated tenant";

    @Override
    public Response toResponse(ProcessEngineException e) {
      ExceptionHandlerHelper camunda = ExceptionHandlerHelper.getInstance();
      if (e.getMessage() == null || !e.getMessage().contains(NOT_MY_TENANT)) {
        return camunda.getResponse(e);
      }
      var body = camunda.fromException(e);
      body.setType("AuthorizationException");
      return Response.status(Response.Status.FORBIDDEN).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
  }
}
