package com.guanjia.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Camunda Tasklist as a member of staff uses it, in Debian's headless Chromium (nothing is downloaded).
 * Screenshots of each step go to {@code target/screenshots/}.
 */
final class Tasklist implements AutoCloseable {
  static final String CHROMIUM = "/usr/bin/chromium";
  static final String CHROMEDRIVER = "/usr/bin/chromedriver";
  /** The read-only case summary at the top of every task form. */
  private static final By CONTEXT = By.cssSelector(".task-details .fjs-form-field-text");

  private final WebDriver driver;
  private final WebDriverWait wait;
  private final String base;
  private final Path screenshots = Path.of("target", "screenshots");
  private final Map<String, String> typed = new java.util.LinkedHashMap<>();
  /** The boxes ticked and options chosen on the open form, to do again if Tasklist redraws it. */
  private final Map<String, Runnable> choices = new java.util.LinkedHashMap<>();

  /** Opens Tasklist, takes the steps, and keeps a screenshot {@code failure-<name>} when one fails. */
  static void use(int port, String name, java.util.function.Consumer<Tasklist> steps) {
    try (Tasklist tasklist = new Tasklist(port)) {
      try {
        steps.accept(tasklist);
      } catch (RuntimeException | AssertionError e) {
        tasklist.screenshot("failure-" + name);
        throw e;
      }
    }
  }

  /**
   * Whether Debian's Chromium and its driver are installed. Under CI ({@code CI=true}) they must be:
   * {@code .ci/run} installs them, and a browser test that skipped itself there would hide a defect.
   */
  static boolean available() {
    boolean installed = new File(CHROMIUM).canExecute() && new File(CHROMEDRIVER).canExecute();
    if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException("CI=true, but " + CHROMIUM + " or " + CHROMEDRIVER
          + " is missing: install Debian's chromium and chromium-driver (.ci/run does)");
    }
    return installed;
  }

  Tasklist(int port) {
    var service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER))
        .withEnvironment(Map.of("TZ", "Asia/Shanghai", "LANGUAGE", "zh_CN", "LANG", "zh_CN.UTF-8")).usingAnyFreePort().build();
    var options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
        "--disable-dev-shm-usage", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--lang=zh-CN", "--window-size=1400,1000");
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
    driver = new ChromeDriver(service, options);
    wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    base = "http://localhost:" + port + "/camunda/app/tasklist/default/";
  }

  void login(String user) {
    driver.manage().deleteAllCookies();
    driver.get(base + "#/login");
    // the login form is ready once Angular has translated its button
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("button[type='submit']"), "登录"));
    fill(By.cssSelector("input[ng-model='username']"), user);
    fill(By.cssSelector("input[ng-model='password']"), "demo");
    driver.findElement(By.cssSelector("button[type='submit']")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters")));
  }

  /** Signs in to Cockpit (auditors have no Tasklist); Guanjia's 审计追溯 link shows in its top bar for readers. */
  void loginCockpit(String user, boolean auditLink) {
    driver.manage().deleteAllCookies();
    driver.get(base.replace("/tasklist/", "/cockpit/") + "#/login");
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("button[type='submit']"), "登录"));
    fill(By.cssSelector("input[ng-model='username']"), user);
    fill(By.cssSelector("input[ng-model='password']"), "demo");
    driver.findElement(By.cssSelector("button[type='submit']")).click();
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("input[ng-model='password']")));
    if (auditLink) {
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("guanjiaAudit")));
    }
  }

  /** Types into a field and checks it took the text (Tasklist moves the focus while it starts). */
  private void fill(By by, String text) {
    for (int attempt = 0; attempt < 5; attempt++) {
      WebElement input = wait.until(ExpectedConditions.elementToBeClickable(by));
      input.click();
      input.clear();
      input.sendKeys(text);
      if (text.equals(input.getAttribute("value"))) {
        return;
      }
    }
    throw new IllegalStateException("could not type into " + by);
  }

  /** Opens a filter, then the task of that name in its list. */
  void open(String filter, String taskName) {
    open(filter, taskName, null);
  }

  /** Opens a filter, then the task of that name of one request (the list shows its number). */
  void open(String filter, String taskName, String requestNo) {
    typed.clear();
    choices.clear();
    click(By.xpath("//*[contains(@class,'task-filters')]//h4[contains(@class,'name')]/a[contains(normalize-space(.),'"
        + filter + "')]"));
    String item = requestNo == null ? "" : "[ancestor::li[contains(., '" + requestNo + "')]]";
    click(By.xpath("//*[contains(@class,'tasks-list')]//a[normalize-space(.)='" + taskName + "']" + item));
    wait.until(ExpectedConditions.visibilityOfElementLocated(
        By.xpath("//*[contains(@class,'task-details')]//h2[normalize-space(.)='" + taskName + "']")));
    wait.until(ExpectedConditions.presenceOfElementLocated(CONTEXT));
  }

  /** Claims the open task when it is not yet the user's; the form is enabled then. */
  void claimIfOffered() {
    driver.findElements(By.cssSelector(".task-details button.claim")).stream()
        .filter(WebElement::isDisplayed).findFirst().ifPresent(WebElement::click);
    wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(".disabled-form"), 0));
  }

  void check(String fieldId) {
    choices.put("check:" + fieldId, () -> check(fieldId));
    WebElement box = field(fieldId);
    if (!box.isSelected()) {
      box.click();
    }
  }

  /** Picks the option of a radio group by (part of) its label. */
  void choose(String optionLabel) {
    choices.put("choose:" + optionLabel, () -> choose(optionLabel));
    click(By.xpath("//*[contains(@class,'task-details')]//label[contains(normalize-space(.),'" + optionLabel + "')]"));
  }

  void type(String fieldId, String text) {
    WebElement input = field(fieldId);
    input.clear();
    input.sendKeys(text);
    typed.put(fieldId, text);
  }

  /**
   * A Camunda Forms date-time field. The date goes through the field's date picker (typing into it
   * races with the calendar it opens), the time is typed as hh:mm.
   */
  void dateTime(String fieldId, LocalDate date, String time) {
    WebElement day = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id$='-" + fieldId + "-date']")));
    Object shown = ((JavascriptExecutor) driver).executeScript("""
        let e = arguments[0];
        while (e && !e._flatpickr) { e = e.parentElement; }
        e._flatpickr.setDate(new Date(arguments[1], arguments[2] - 1, arguments[3]), true);
        e._flatpickr.close();
        return arguments[0].value;""", day, date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    if (shown == null || shown.toString().isBlank()) {
      throw new IllegalStateException("the date picker of " + fieldId + " took no date");
    }
    By hour = By.cssSelector("[id$='-" + fieldId + "-time']");
    click(hour);
    driver.findElement(hour).sendKeys(time, Keys.TAB);
  }

  /**
   * Follows the form's link to the case card (it opens in a new tab, signed in by the Tasklist
   * session), keeps a screenshot, and returns the card's text; the tab is closed again.
   */
  String openCaseCard(String screenshot) {
    String tasklistTab = driver.getWindowHandle();
    click(By.cssSelector(".task-details .fjs-form-field-text a[href^='/cases/']"));
    wait.until(d -> d.getWindowHandles().size() > 1);
    String card = driver.getWindowHandles().stream().filter(h -> !h.equals(tasklistTab)).findFirst().orElseThrow();
    driver.switchTo().window(card);
    try {
      wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("requestNo")));
      screenshot(screenshot);
      return driver.findElement(By.tagName("main")).getText();
    } finally {
      driver.close();
      driver.switchTo().window(tasklistTab);
    }
  }

  /** Opens a page of Guanjia's own (no Tasklist around it) and returns it for the steps on it. */
  WebDriver page(String url) {
    driver.get(url);
    return driver;
  }

  /** An element of the page once it is there (after a form was sent, say). */
  WebElement await(By by) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  /** Waits until an element (of a page that reloads itself, say) shows {@code text}. */
  void awaitText(By by, String text) {
    new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.textToBe(by, text));
  }

  /**
   * Registers a request as the front desk does in Tasklist: 启动流程, the process, then the start form
   * (登记服务请求) with type, category (their labels), resident and description; waits for Tasklist's 流程已启动.
   */
  void startRequest(String processName, String type, String category, String residentId, String description) {
    startRequest(processName, type, category, residentId, description, null);
  }

  /** {@link #startRequest} raised to urgent (提为紧急) with {@code urgentReason}, when one is given. */
  void startRequest(String processName, String type, String category, String residentId, String description,
      String urgentReason) {
    driver.get(base);
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filters")));
    click(By.xpath("//a[normalize-space(.)='启动流程']"));
    click(By.xpath("//div[contains(@class,'modal')]//a[normalize-space(.)='" + processName + "']"));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".modal .fjs-form")));
    select("Field_Type", type);
    select("Field_Category", category);
    type("Field_ResidentId", residentId);
    type("Field_Description", description);
    if (urgentReason != null) {
      check("Field_UrgentRaised");
      type("Field_UrgentReason", urgentReason);
    }
    typed.clear();
    By start = By.xpath("//div[contains(@class,'modal')]//button[normalize-space(.)='启动']");
    for (int attempt = 1; ; attempt++) {
      click(start);
      try {
        new WebDriverWait(driver, Duration.ofSeconds(8))
            .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".modal .fjs-form")));
        return;
      } catch (org.openqa.selenium.TimeoutException stillOpen) {
        if (attempt == 3) {
          throw stillOpen;
        }
      }
    }
  }

  /** Picks an option of a Camunda Forms select (its element id) by the option's label. */
  void select(String fieldId, String optionLabel) {
    click(By.cssSelector("[id$='-" + fieldId + "-display']"));
    click(By.xpath("//*[contains(@class,'fjs-dropdownlist-item')][normalize-space(.)='" + optionLabel + "']"));
  }

  String contextText() {
    return driver.findElement(CONTEXT).getText();
  }

  void complete() {
    // Tasklist redraws the form when the task list and the filters' counts refresh (after a claim, say;
    // the more filters, the later) and may drop a text typed just before, or a click on 完成 landing while
    // it redraws: as a person would, type again what is gone and click again when nothing happened
    Map<String, String> values = new java.util.LinkedHashMap<>(typed);
    var ticked = new java.util.ArrayList<>(choices.values());
    typed.clear();
    choices.clear();
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        ticked.forEach(Runnable::run);
        choices.clear();
      }
      values.forEach((fieldId, text) -> {
        if (!text.equals(field(fieldId).getAttribute("value"))) {
          type(fieldId, text);
        }
      });
      typed.clear();
      click(By.xpath("//*[contains(@class,'task-details')]//button[normalize-space(.)='完成']"));
      try {
        new WebDriverWait(driver, Duration.ofSeconds(8)).until(ExpectedConditions.invisibilityOfElementLocated(CONTEXT));
        return;
      } catch (org.openqa.selenium.TimeoutException stillOpen) {
        if (attempt == 3) {
          throw stillOpen;
        }
      }
    }
  }

  void screenshot(String name) {
    try {
      Files.createDirectories(screenshots);
      Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private WebElement field(String fieldId) {
    return wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("[id$='-" + fieldId + "']")));
  }

  private void click(By by) {
    for (int attempt = 1; ; attempt++) {
      WebElement element = wait.until(ExpectedConditions.elementToBeClickable(by));
      try {
        ((JavascriptExecutor) driver).executeScript("arguments[0].scrollIntoView({block:'center'})", element);
        try {
          element.click();
        } catch (org.openqa.selenium.ElementClickInterceptedException underANotification) {
          // Tasklist's notifications slide over the lower right corner for a few seconds
          ((JavascriptExecutor) driver).executeScript("arguments[0].click()", element);
        }
        return;
      } catch (org.openqa.selenium.StaleElementReferenceException redrawn) {
        // the task list refreshes itself after a completion: find the element again
        if (attempt == 3) {
          throw redrawn;
        }
      }
    }
  }

  @Override
  public void close() {
    driver.quit();
  }
}
