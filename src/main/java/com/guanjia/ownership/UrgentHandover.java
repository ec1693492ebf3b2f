package com.guanjia.ownership;

import static com.guanjia.process.ProcessContract.PROCESS_SERVICE_REQUEST;
import static com.guanjia.process.ProcessContract.VAR_DESCRIPTION;
import static com.guanjia.process.ProcessContract.VAR_PRIORITY;

import com.guanjia.GuanjiaProperties;
import com.guanjia.intake.RequestRecords;
import com.guanjia.process.EngineQueries;
import com.guanjia.resident.StaffDirectory;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;

/**
 * The handover at the start of service hours (值班交接): the urgent cases still open, each with its number, kind,
 * when it came in, the step it waits on and who has it, as a note the morning shift reads in Tasklist.
 */
@Service
public class UrgentHandover {
  /** Camunda keeps a text variable to 4,000 characters: a longer note says how many more there are. */
  private static final int MAX_NOTE = 3500;
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm");

  private final RuntimeService runtime;
  private final TaskService tasks;
  private final RequestRecords records;
  private final StaffDirectory staff;
  private final MessageSource messages;
  private final ZoneId zone;

  UrgentHandover(RuntimeService runtime, TaskService tasks, RequestRecords records, StaffDirectory staff,
      MessageSource messages, GuanjiaProperties properties) {
    this.runtime = runtime;
    this.tasks = tasks;
    this.records = records;
    this.staff = staff;
    this.messages = messages;
    this.zone = properties.timeZone();
  }

  /** The open urgent cases and the note that lists them. */
  public record Handover(int count, String note) {}

  public Handover openUrgentCases() {
    var open = EngineQueries.all(runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS_SERVICE_REQUEST)
        .variableValueEquals(VAR_PRIORITY, "URGENT").active().orderByProcessInstanceId().asc());
    List<String> lines = new ArrayList<>();
    int shown = 0;
    int length = 0;
    for (var instance : open) {
      var record = records.find(instance.getBusinessKey()).orElse(null);
      if (record == null) {
        continue;
      }
      String description = (String) runtime.getVariable(instance.getId(), VAR_DESCRIPTION);
      // the step the case waits on, in the case or the path it called, and who has it
      var waiting = EngineQueries.all(tasks.createTaskQuery().processInstanceBusinessKey(record.requestNo()).active()
          .orderByTaskCreateTime().asc());
      String step = waiting.isEmpty() ? "处理中" : waiting.get(0).getName() + "（"
          + (waiting.get(0).getAssignee() == null ? "待认领" : staff.displayName(waiting.get(0).getAssignee())) + "）";
      String line = "- **" + record.requestNo() + "** " + label("type." + record.type()) + " · "
          + label("category." + record.category()) + " · 登记于 " + TIME.format(record.registeredAt()
          .atZoneSameInstant(zone)) + " · 现在：" + step + " · " + shorten(description);
      if (length + line.length() > MAX_NOTE) {
        break;
      }
      lines.add(line);
      length += line.length() + 1;
      shown++;
    }
    if (shown < open.size() && shown > 0) {
      lines.add("- ……另有 " + (open.size() - shown) + " 件，请在“督办中”和“全部任务”中查看");
    }
    return new Handover(open.size(), String.join("\n", lines));
  }

  private String label(String key) {
    return messages.getMessage(key, null, key, Locale.SIMPLIFIED_CHINESE);
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    String oneLine = text.replaceAll("\\s+", " ").strip();
    return oneLine.length() <= 40 ? oneLine : oneLine.substring(0, 40) + "……";
  }
}
