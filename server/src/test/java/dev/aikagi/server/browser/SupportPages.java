package dev.aikagi.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import dev.aikagi.testkit.Browser;
import java.nio.file.Path;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The support pages (issue 5): the request form, its confirmation, and the agents' console. */
final class SupportPages {

    private SupportPages() {
    }

    /** {@code /support/request}: username, contact address, statement and evidence files. */
    static final class Request extends AikagiPage {

        static final By USERNAME = By.id("username");
        static final By CONTACT = By.id("contact");
        static final By STATEMENT = By.id("statement");
        static final By FILES = By.id("files");
        static final By SUBMIT = By.id("support-submit");

        Request(Browser browser, String step) {
            super(browser, SUBMIT, step);
            assertThat(browser.path()).startsWith("/support/request");
        }

        /** "Can't receive any of these? Ask our support team" on a recovery page. */
        static Request fromRecovery(Browser browser) {
            browser.clickAndWait(browser.find(By.id("support-request")));
            return new Request(browser, "support-request");
        }

        Sent send(String username, String contact, String statement, Path file) {
            type(USERNAME, username);
            type(CONTACT, contact);
            type(STATEMENT, statement);
            browser.find(FILES).sendKeys(file.toAbsolutePath().toString());
            browser.clickAndWait(browser.find(SUBMIT));
            return new Sent(browser, "support-request-sent");
        }
    }

    /** {@code /support/request/sent}: the request was received. */
    static final class Sent extends AikagiPage {

        static final By SENT = By.id("support-sent");

        Sent(Browser browser, String step) {
            super(browser, SENT, step);
            assertThat(browser.path()).startsWith("/support/request/sent");
        }

        String text() {
            return browser.find(SENT).getText();
        }
    }

    /** {@code /support}: the agents' queue. */
    static final class Queue extends AikagiPage {

        static final By ROW = By.cssSelector("#support-queue tr.support-row");

        Queue(Browser browser, String step) {
            super(browser, By.cssSelector("#support-queue, #support-queue-empty"), step);
            assertThat(browser.path()).startsWith("/support");
        }

        static Queue open(Browser browser) {
            browser.open("/support");
            return new Queue(browser, "support-queue");
        }

        List<WebElement> rowsFor(String username) {
            return browser.findAll(ROW).stream()
                    .filter(row -> row.findElements(By.tagName("td")).stream()
                            .anyMatch(td -> td.getText().strip().equals(username)))
                    .toList();
        }

        Case open(String username) {
            List<WebElement> rows = rowsFor(username);
            assertThat(rows).as("queue rows for %s", username).hasSize(1);
            browser.clickAndWait(rows.getFirst().findElement(By.cssSelector("a.support-case-link")));
            return new Case(browser, "support-case");
        }
    }

    /** {@code /support/cases/{id}}: the request beside what the system knows, and the decision. */
    static final class Case extends AikagiPage {

        static final By STATE = By.id("support-state");
        static final By USERNAME = By.id("support-username");
        static final By CONTACT = By.id("support-contact");
        static final By STATEMENT = By.id("support-statement");
        static final By APPROVALS = By.id("support-approvals");
        static final By FILE = By.cssSelector("#support-files a.support-file");
        static final By APPROVE_REASON = By.id("approve-reason");
        static final By APPROVE = By.id("support-approve");

        Case(Browser browser, String step) {
            super(browser, STATE, step);
            assertThat(browser.path()).startsWith("/support/cases/");
        }

        String text(By by) {
            return browser.find(by).getText();
        }

        int files() {
            return browser.findAll(FILE).size();
        }

        boolean canDecide() {
            return browser.has(APPROVE);
        }

        boolean has(By by) {
            return browser.has(by);
        }

        Case approve(String reason, String step) {
            type(APPROVE_REASON, reason);
            browser.clickAndWait(browser.find(APPROVE));
            return new Case(browser, step);
        }
    }

    /** {@code /support/continue?token=…}: the link from the approval email, and "Continue". */
    static final class Continue extends AikagiPage {

        static final By SUBMIT = By.id("support-continue-submit");

        Continue(Browser browser, String step) {
            super(browser, SUBMIT, step);
            assertThat(browser.path()).startsWith("/support/continue");
        }

        static Continue open(Browser browser, String pathAndQuery) {
            browser.open(pathAndQuery);
            return new Continue(browser, "support-continue");
        }

        RecoveryPages.Waiting continueToRecovery() {
            browser.clickAndWait(browser.find(SUBMIT));
            return new RecoveryPages.Waiting(browser, "recovery-waiting");
        }
    }
}
