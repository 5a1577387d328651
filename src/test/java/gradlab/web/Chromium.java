package gradlab.web;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import gradlab.config.Settings;
import gradlab.lab.Lessons;
import gradlab.lab.Limits;
import gradlab.view.LessonText;

/**
 * One headless Chromium (Debian's) and one in-process server, for a browser test class. Without
 * Chromium or its driver the class is skipped with the reason printed, except on CI (CI=true),
 * where that is a failure.
 */
final class Chromium implements AutoCloseable {
    private static final File BINARY = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    final Server server;
    final WebDriver driver;
    final WebDriverWait wait;
    private final Path profile;
    /** Whether closing this browser stops the server too (it started it). */
    private final boolean ownsServer;

    private Chromium(Server server, WebDriver driver, Path profile, boolean ownsServer) {
        this.server = server;
        this.driver = driver;
        this.profile = profile;
        this.ownsServer = ownsServer;
        this.wait = new WebDriverWait(driver, TIMEOUT);
    }

    /**
     * A server with the built-in lessons and a browser whose viewport is width × height CSS pixels;
     * {@code phone} makes it a touch screen that honours the page's viewport meta, as a phone does.
     */
    static Chromium start(String testClass, int width, int height, boolean phone) throws IOException {
        Chromium c = start(testClass);
        c.viewport(width, height, phone);
        return c;
    }

    /** A server with the built-in lessons and a browser in a window of 1280 × 900, resizable. */
    static Chromium start(String testClass) throws IOException {
        require(testClass);
        Server server = Server.create(Settings.defaults().withPort(0),
                Lessons.load(true, null, Limits.DEFAULT, LessonText::html)).start(0);
        return browser(server, true);
    }

    /**
     * Another browser, with a profile (cookies) of its own, on the server of {@code first}:
     * another person at the same class. Closing it leaves the server running.
     */
    static Chromium another(Chromium first) throws IOException {
        return browser(first.server, false);
    }

    private static Chromium browser(Server server, boolean ownsServer) throws IOException {
        Path profile = Files.createTempDirectory("gradlab-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--no-first-run",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER).usingAnyFreePort().build();
        return new Chromium(server, new ChromeDriver(service, options), profile, ownsServer);
    }

    /** The viewport itself, not the window: its width is what the page must fit. */
    void viewport(int width, int height, boolean phone) {
        ChromeDriver chrome = (ChromeDriver) driver;
        chrome.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", phone));
        chrome.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", phone));
    }

    /** Opens a page of the server and waits until htmx has run. */
    void open(String pathAndQuery) {
        driver.get("http://localhost:" + server.port() + pathAndQuery);
        wait.until(d -> Boolean.TRUE.equals(js("return typeof htmx !== 'undefined' && document.readyState === 'complete';")));
    }

    /** Opens the lab with a query and waits until the comparison is there. */
    void openLab(String query) {
        open("/lab?" + query);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#results table")));
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    WebElement byId(String id) {
        return driver.findElement(By.id(id));
    }

    /** The text of the element with this id, found afresh (htmx replaces elements, old references go stale). */
    /** The text an element shows, read in one step (an element that htmx swaps meanwhile cannot go stale). */
    String textOf(String id) {
        Object text = js("var e = document.getElementById(arguments[0]); return e === null ? null : e.innerText;", id);
        if (text == null) {
            throw new org.openqa.selenium.NoSuchElementException("no #" + id);
        }
        return ((String) text).strip();
    }

    /** A control of the lab's form by its parameter's name. */
    WebElement field(String name) {
        return driver.findElement(By.cssSelector("#lab-form [name='" + name + "']"));
    }

    /** The id of the element that has the focus ("" for none, "body" for the page itself). */
    String focusedId() {
        return (String) js("const e = document.activeElement;"
                + "return e === document.body ? 'body' : e ? e.id : '';");
    }

    List<WebElement> trainingButtons(String label) {
        return driver.findElements(By.xpath("//section[@id='training']//button[normalize-space()='" + label + "']"));
    }

    WebElement trainingButton(String label) {
        return wait.until(ExpectedConditions.elementToBeClickable(
                By.xpath("//section[@id='training']//button[normalize-space()='" + label + "']")));
    }

    /** Whether the element's box lies wholly inside the window. */
    boolean inViewport(WebElement e) {
        return Boolean.TRUE.equals(js("const r = arguments[0].getBoundingClientRect();"
                + "return r.width > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight && r.right <= innerWidth;", e));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            if (ownsServer) {
                server.stop();
            }
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    private static void require(String testClass) {
        List<String> missing = Stream.of(BINARY, DRIVER).filter(f -> !f.canExecute()).map(File::getPath).toList();
        if (missing.isEmpty()) {
            return;
        }
        String reason = "the browser test needs " + String.join(" and ", missing)
                + " (Debian packages chromium and chromium-driver)";
        if ("true".equals(System.getenv("CI"))) {
            fail("CI=true but " + reason);
        }
        System.out.println(testClass + " skipped: " + reason);
        Assumptions.assumeTrue(false, reason);
    }
}
