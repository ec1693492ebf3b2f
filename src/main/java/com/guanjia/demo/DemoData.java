package com.guanjia.demo;

import static com.guanjia.process.ProcessContract.*;

import com.guanjia.resident.ResidentDetails;
import com.guanjia.resident.ResidentArchive;
import com.guanjia.resident.StaffDirectory;
import com.guanjia.resident.StaffDirectory.StaffMember;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Demo users (password {@code demo}), zones, staff and residents of DOMAIN.md, loaded once into an
 * empty database. Only with the {@code demo} profile, which the default run implies.
 */
@Component
@Order(2)
@ConditionalOnProperty("guanjia.demo.enabled")
class DemoData implements ApplicationRunner {
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);
  static final String PASSWORD = "demo";

  private final IdentityService identity;
  private final ResidentArchive residents;
  private final StaffDirectory staff;

  private final com.guanjia.notification.ResidentPreferences preferences;

  private final com.guanjia.archive.Projects projects;

  DemoData(IdentityService identity, ResidentArchive residents, StaffDirectory staff,
      com.guanjia.notification.ResidentPreferences preferences, com.guanjia.archive.Projects projects) {
    this.projects = projects;
    this.preferences = preferences;
    this.identity = identity;
    this.residents = residents;
    this.staff = staff;
  }

  private record Person(String id, String surname, String givenName, String group, String phone) {}

  private static final List<Person> PEOPLE = List.of(
      new Person("frontdesk", "周", "静", GROUP_CUSTOMER_SERVICE, "0571-8888-6001"),
      new Person("butler1", "孙", "丽", GROUP_BUTLER, "139-0000-1001"),
      new Person("butler2", "吴", "强", GROUP_BUTLER, "139-0000-1002"),
      new Person("tech1", "郑", "海", GROUP_MAINTENANCE, "139-0000-2001"),
      new Person("cleaner1", "冯", "梅", GROUP_CLEANING, "139-0000-3001"),
      new Person("guard1", "陈", "刚", GROUP_SECURITY, "139-0000-4001"),
      new Person("gardener1", "杨", "林", GROUP_LANDSCAPING, "139-0000-5001"),
      new Person("supervisor1", "黄", "涛", GROUP_SUPERVISOR, "139-0000-6001"),
      new Person("manager1", "林", "峰", GROUP_PROJECT_MANAGER, "139-0000-7001"),
      new Person("quality1", "何", "敏", GROUP_QUALITY, "139-0000-8001"),
      new Person("auditor1", "许", "文", GROUP_AUDITOR, null));

  @Override
  @Transactional
  public void run(ApplicationArguments args) {
    if (staff.find("frontdesk").isPresent()) {
      return;
    }
    for (Person p : PEOPLE) {
      if (identity.createUserQuery().userId(p.id()).count() == 0) {
        User user = identity.newUser(p.id());
        user.setFirstName(p.surname() + p.givenName());
        user.setLastName("");
        user.setEmail(p.id() + "@guanjia.example");
        user.setPassword(PASSWORD);
        identity.saveUser(user);
        identity.createMembership(p.id(), p.group());
      }
      if (p.group().equals(GROUP_AUDITOR)) {
        continue; // auditors serve no resident and own no request
      }
      String supervisor = switch (p.group()) {
        case GROUP_SUPERVISOR -> "manager1";
        case GROUP_PROJECT_MANAGER, GROUP_QUALITY -> null;
        default -> "supervisor1";
      };
      staff.add(new StaffMember(p.id(), p.surname() + p.givenName(), p.group(), p.phone(), supervisor));
    }

    residents.addZone("Z01", "东区（1–3号楼）");
    residents.addZone("Z02", "西区（4–6号楼）");
    for (int b = 1; b <= 6; b++) {
      residents.addBuilding("B0" + b, b <= 3 ? "Z01" : "Z02", b + "号楼");
    }
    for (String zone : List.of("Z01", "Z02")) {
      staff.assign(zone, zone.equals("Z01") ? "butler1" : "butler2", GROUP_BUTLER);
      staff.assign(zone, "tech1", GROUP_MAINTENANCE);
      staff.assign(zone, "cleaner1", GROUP_CLEANING);
      staff.assign(zone, "guard1", GROUP_SECURITY);
      staff.assign(zone, "gardener1", GROUP_LANDSCAPING);
    }
    // one project (管理处) runs both zones: its supervisor, project manager, quality contact and duty phone
    projects.keep("P01", new com.guanjia.archive.Projects.ProjectForm("阳光花园管理处", "supervisor1", "manager1",
        "quality1", "0571-86000000", List.of("Z01", "Z02")));
    resident("R-0001", "1-1-0101", "王建国", "13812341234", "MALE", "OWNER", List.of("李娟（配偶）"), false, false,
        false, null, false);
    resident("R-0002", "2-1-0302", "李秀英", "13923455678", "FEMALE", "OWNER", List.of(), true, false, true,
        "独居老人，行动不便，夜间出入需保安接送", false);
    resident("R-0003", "4-2-1101", "张伟", "13712349876", "MALE", "TENANT", List.of(), false, false, false, null,
        false);
    resident("R-0004", "5-1-0602", "刘芳", "13698761234", "FEMALE", "OWNER", List.of("周强（配偶）", "周小雨（女儿）"),
        false, false, false, null, true);
    resident("R-0005", "3-2-1101", "陈明", "13545678901", "MALE", "OWNER", List.of(), false, false, false, null,
        false);
    resident("R-0006", "6-1-0201", "赵丽", "13398765432", "FEMALE", "OWNER", List.of(), false, true, false,
        "使用轮椅，需无障碍通道协助", false);
    // how they like to hear from us (the others: SMS in Chinese): 陈明 reads English e-mail, 赵丽 follows
    // the property's WeChat account
    preferences.setChannel("R-0005", "EMAIL");
    preferences.setLocale("R-0005", java.util.Locale.ENGLISH);
    residents.setEmail("R-0005", "chen.ming@example.com");
    preferences.setChannel("R-0006", "WECHAT");
    preferences.setWeChatOpenId("R-0006", "oGJdemo-zhaoli");
    LOG.info("Demo data loaded: {} users (password '{}'), {} residents", PEOPLE.size(), PASSWORD, residents.count());
  }

  private void resident(String id, String unit, String name, String phone, String gender, String occupancy,
      List<String> household, boolean elderly, boolean disabled, boolean hardOfHearing, String specialNeeds,
      boolean vip) {
    String building = "B0" + unit.substring(0, unit.indexOf('-'));
    residents.addUnit(unit, building);
    residents.create(new ResidentDetails(id, unit, name, phone, List.of(), gender, occupancy, household, vip, elderly,
        disabled, hardOfHearing, specialNeeds, java.time.LocalDate.of(2020, 6, 1), null), "demo");
  }
}
