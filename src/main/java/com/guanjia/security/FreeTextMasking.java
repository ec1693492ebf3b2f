package com.guanjia.security;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.resident.Masking;
import com.guanjia.resident.NotesAsWritten;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandContextListener;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.camunda.bpm.engine.impl.variable.serializer.StringValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.camunda.bpm.engine.impl.variable.serializer.ValueFields;
import org.camunda.bpm.engine.variable.impl.value.PrimitiveTypeValueImpl.StringValueImpl;
import org.camunda.bpm.engine.variable.value.StringValue;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * R10: residents type their phone numbers into what they tell us ("楼道灯坏了，请联系我 13812345678") and staff into
 * their notes. Whatever writes such a free-text variable — the API, Tasklist's forms, Cockpit, a delegate — the engine
 * stores it with phone and ID-card numbers masked ({@link Masking#freeText}), so Tasklist, Cockpit, the history and
 * the logs never hold them. The request's description in clear text is kept encrypted with the request
 * ({@code service_request.description_enc}), a staff note as written in {@code note_as_written}
 * ({@link NotesAsWritten}, in the same transaction as the masked variable), both for those who may see the
 * resident's details.
 *
 * <p>The engine's own string serializer is replaced, under its own name, by one that masks these variables only
 * (identifiers, numbers and dates are never touched): rows stay readable by a plain engine.
 */
@Component
class FreeTextMasking extends AbstractProcessEnginePlugin {
  private final ObjectProvider<NotesAsWritten> notes;

  FreeTextMasking(ObjectProvider<NotesAsWritten> notes) {
    this.notes = notes;
  }

  /** A submitted form's values are also kept as they were typed (the history's form properties): masked too. */
  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setHistoryEventProducer(new CacheAwareHistoryEventProducer() {
      @Override
      public HistoryEvent createFormPropertyUpdateEvt(ExecutionEntity execution, String propertyId,
          String propertyValue, String taskId) {
        return super.createFormPropertyUpdateEvt(execution, propertyId,
            propertyValue != null && FREE_TEXT_VARIABLES.contains(propertyId) ? Masking.freeText(propertyValue)
                : propertyValue, taskId);
      }
    });
  }

  @Override
  public void postInit(ProcessEngineConfigurationImpl configuration) {
    var serializers = configuration.getVariableSerializers();
    TypedValueSerializer<?> plain = serializers.getSerializerByName(new StringValueSerializer().getName());
    int at = serializers.getSerializerIndex(plain);
    serializers.removeSerializer(plain);
    serializers.addSerializer(new Masked(notes), at);
  }

  static final class Masked extends StringValueSerializer {
    private final ObjectProvider<NotesAsWritten> notes;

    Masked(ObjectProvider<NotesAsWritten> notes) {
      this.notes = notes;
    }

    @Override
    public void writeValue(StringValue value, ValueFields fields) {
      String text = value.getValue();
      if (text != null && FREE_TEXT_VARIABLES.contains(fields.getName())) {
        String masked = Masking.freeText(text);
        if (!masked.equals(text)) {
          value = new StringValueImpl(masked, value.isTransient());
          keepAsWritten(fields, text);
        }
      }
      super.writeValue(value, fields);
    }

    /**
     * A note's clear text, kept once the command knows its case (a variable learns its instance after its value is
     * set) and before the engine writes the masked one: both commit or neither. The description is kept with
     * its request ({@code service_request.description_enc}) instead.
     */
    private void keepAsWritten(ValueFields fields, String text) {
      CommandContext command = Context.getCommandContext();
      if (!(fields instanceof VariableInstanceEntity variable) || VAR_DESCRIPTION.equals(variable.getName())
          || variable.isTransient() || command == null) {
        return;
      }
      command.registerCommandContextListener(new CommandContextListener() {
        @Override
        public void onCommandContextClose(CommandContext context) {
          ExecutionEntity execution = variable.getExecution();
          if (execution != null) {
            notes.getObject().keep(execution.getRootProcessInstanceId(), execution.getProcessInstanceId(),
                variable.getName(), text);
          }
        }

        @Override
        public void onCommandFailed(CommandContext context, Throwable t) {
          // nothing was written
        }
      });
    }
  }
}
