package org.qinqing.notification.notice;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.notification.inbox.CaseRecipient;
import org.qinqing.notification.recipient.Recipient;
import org.qinqing.notification.template.NoticeKind;

/**
 * Who is told what, from the events (PLATFORM.md §5 "Notifications"). Facts arrive from three topics in any
 * order and are kept on the case; a notice goes out once everything it says is known.
 *
 * <p>A tip-off's reporter is told of acceptance and gets the rating link, nothing else, at the contact intake
 * gives when sending; liaison officers are never copied on tip-offs; a copy never carries the rating link.
 *
 * <p>An event whose recipient rests on a fact from another topic that has not been applied yet (who the case is
 * from, its lead department) waits ({@link WaitingNotice}) and is applied again, through the same rule, in the
 * transaction that applies the fact; never sent to a recipient guessed without it.
 */
@ApplicationScoped
public class NoticeRules {

    static final DateTimeFormatter CHINA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.of("Asia/Shanghai"));

    private final Notices notices;
    private final Clock clock;
    private final ObjectMapper json;

    public NoticeRules(Notices notices, Clock clock, ObjectMapper json) {
        this.notices = notices;
        this.clock = clock;
        this.json = json;
    }

    // --- the enterprise, or a tip-off's reporter --------------------------------------------------------------

    @Transactional(Transactional.TxType.MANDATORY)
    public void onAccepted(ReceivedEvent accepted) {
        CaseRecipient c = learnGrievance(accepted);
        tellReporterOrEnterprise(accepted.id(), c, NoticeKind.RECEIPT, model(c), null);
        tellDispatchWhenKnown(c);
        applyWaiting(c, WaitingNotice.Fact.SUBMITTER);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onRejected(ReceivedEvent rejected) {
        CaseRecipient c = learnGrievance(rejected);
        if (!c.tipOff) {
            Map<String, Object> m = model(c);
            m.put("reason", text(rejected, "reason"));
            tellEnterprise(rejected.id(), c, NoticeKind.REJECTED, m, null);
        }
        applyWaiting(c, WaitingNotice.Fact.SUBMITTER);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onDispatched(ReceivedEvent dispatched) {
        CaseRecipient c = CaseRecipient.of(dispatched.grievanceId());
        JsonNode data = dispatched.data();
        int round = data.path("round").asInt(1);
        if (round >= c.dispatchRound) {
            c.dispatchRound = round;
            c.dispatchEventId = dispatched.id();
            c.leadDepartmentCode = data.path("lead").path("code").asText(null);
            c.leadDepartmentName = data.path("lead").path("name").asText(null);
            c.leadDepartmentRegion = data.path("lead").path("region").asText(null);
            List<String> co = new ArrayList<>();
            data.path("coHandling").forEach(d -> co.add(d.path("code").asText()));
            c.coHandling = String.join(",", co);
            c.updatedAt = clock.instant();
            tellDispatchWhenKnown(c);
        }
        String lead = data.path("lead").path("code").asText(null);
        if (lead != null) {
            Map<String, Object> m = model(c);
            m.put("reason", data.path("reason").asText(""));
            m.put("coHandling", false);
            notices.tell(new Notice(dispatched.id(), NoticeKind.ASSIGNMENT, "department:" + lead, false, m, null), c);
        }
        for (JsonNode co : data.path("coHandling")) {
            Map<String, Object> m = model(c);
            m.put("reason", data.path("reason").asText(""));
            m.put("coHandling", true);
            notices.tell(new Notice(dispatched.id(), NoticeKind.ASSIGNMENT, "department:" + co.path("code").asText(),
                    false, m, null), c);
        }
        if (c.leadDepartmentCode != null) {
            applyWaiting(c, WaitingNotice.Fact.LEAD_DEPARTMENT);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onDeadlineSet(ReceivedEvent deadlineSet) {
        if (!"REPLY".equals(deadlineSet.text("clock"))) {
            return;
        }
        CaseRecipient c = CaseRecipient.of(deadlineSet.grievanceId());
        int round = deadlineSet.data().path("round").asInt(1);
        if (round < c.replyDueRound) {
            return;
        }
        c.replyDueRound = round;
        c.replyDueAt = Instant.parse(deadlineSet.text("dueAt"));
        c.updatedAt = clock.instant();
        tellDispatchWhenKnown(c);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onInfoRequested(ReceivedEvent infoRequested) {
        CaseRecipient c = CaseRecipient.of(infoRequested.grievanceId());
        if (waitsFor(WaitingNotice.Fact.SUBMITTER, infoRequested, c)) {
            return;
        }
        if (!c.tipOff) {
            Map<String, Object> m = model(c);
            m.put("question", text(infoRequested, "question"));
            m.put("department", departmentName(infoRequested.text("department"), c));
            tellEnterprise(infoRequested.id(), c, NoticeKind.INFO_REQUESTED, m, null);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onReplied(ReceivedEvent replied) {
        CaseRecipient c = CaseRecipient.of(replied.grievanceId());
        c.replyText = text(replied, "text");
        c.replyDepartment = replied.text("department");
        c.updatedAt = clock.instant();
        tellReplyWhenKnown(c);
    }

    /** Intake signed a rating link for the reply; it goes to the enterprise (or reporter) only. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onRatingInvited(ReceivedEvent invited) {
        CaseRecipient c = CaseRecipient.of(invited.grievanceId());
        c.ratingEventId = invited.id();
        c.ratingLink = invited.text("link");
        String expires = invited.text("expiresAt");
        c.ratingExpiresAt = expires == null ? null : Instant.parse(expires);
        c.updatedAt = clock.instant();
        tellReplyWhenKnown(c);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onClosed(ReceivedEvent closed) {
        CaseRecipient c = CaseRecipient.of(closed.grievanceId());
        if (!c.tipOff) {
            Map<String, Object> m = model(c);
            String why = closed.text("why") != null ? closed.text("why") : closed.text("reason");
            m.put("why", why == null ? "" : why);
            m.put("finding", text(closed, "finding"));
            tellEnterprise(closed.id(), c, NoticeKind.CLOSED, m, null);
        }
    }

    // --- department staff -------------------------------------------------------------------------------------

    @Transactional(Transactional.TxType.MANDATORY)
    public void onWarning(ReceivedEvent warning) {
        CaseRecipient c = CaseRecipient.of(warning.grievanceId());
        Map<String, Object> m = model(c);
        m.put("clock", text(warning, "clock"));
        m.put("dueAt", time(warning.text("dueAt")));
        notices.tell(new Notice(warning.id(), NoticeKind.WARNING, "department:" + warning.text("department"), false, m,
                null), c);
    }

    /**
     * Level 1 and 2 go to the supervisors, level 3 (and a province department's level 2) to the oversight body
     * of the target region, at once whatever the hour; the department is told it is overdue.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onEscalated(ReceivedEvent escalated) {
        CaseRecipient c = CaseRecipient.of(escalated.grievanceId());
        Map<String, Object> m = model(c);
        m.put("level", escalated.data().path("level").asInt(1));
        m.put("clock", text(escalated, "clock"));
        m.put("dueAt", time(escalated.text("dueAt")));
        m.put("department", departmentName(escalated.text("department"), c));
        String audience = "OVERSIGHT".equals(escalated.text("target")) ? "oversight:" : "supervisors:";
        notices.tell(new Notice(escalated.id(), NoticeKind.ESCALATED, audience + escalated.text("targetRegion"), true, m,
                null), c);
        notices.tell(new Notice(escalated.id(), NoticeKind.OVERDUE, "department:" + escalated.text("department"), false,
                m, null), c);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onUrged(ReceivedEvent urged) {
        CaseRecipient c = CaseRecipient.of(urged.grievanceId());
        String department = urged.text("department") != null ? urged.text("department") : c.leadDepartmentCode;
        if (department == null) {
            waitsFor(WaitingNotice.Fact.LEAD_DEPARTMENT, urged, c);
        } else {
            Map<String, Object> m = model(c);
            m.put("text", text(urged, "text"));
            notices.tell(new Notice(urged.id(), NoticeKind.URGED, "department:" + department, false, m, null), c);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onSupervisionIssued(ReceivedEvent issued) {
        CaseRecipient c = CaseRecipient.of(issued.grievanceId());
        String department = issued.text("department") != null ? issued.text("department") : c.leadDepartmentCode;
        if (department == null) {
            waitsFor(WaitingNotice.Fact.LEAD_DEPARTMENT, issued, c);
        } else {
            Map<String, Object> m = model(c);
            m.put("text", text(issued, "text"));
            m.put("completionDate", text(issued, "completionDate"));
            notices.tell(new Notice(issued.id(), NoticeKind.SUPERVISION, "department:" + department, false, m, null), c);
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onCoHandlingRequested(ReceivedEvent requested) {
        CaseRecipient c = CaseRecipient.of(requested.grievanceId());
        Map<String, Object> m = model(c);
        m.put("question", text(requested, "question"));
        m.put("requestedBy", departmentName(requested.text("requestedBy"), c));
        notices.tell(new Notice(requested.id(), NoticeKind.CO_HANDLING, "department:" + requested.text("department"),
                false, m, null), c);
    }

    // --- supervisors, oversight, operators -------------------------------------------------------------------

    @Transactional(Transactional.TxType.MANDATORY)
    public void onExtensionRequested(ReceivedEvent requested) {
        CaseRecipient c = CaseRecipient.of(requested.grievanceId());
        if (waitsFor(WaitingNotice.Fact.SUBMITTER, requested, c)) {
            return;
        }
        Map<String, Object> m = model(c);
        m.put("department", departmentName(requested.text("department"), c));
        m.put("workingDays", requested.data().path("workingDays").asInt());
        m.put("reason", text(requested, "reason"));
        tellDecisionMakers(requested.id(), c, NoticeKind.EXTENSION_REQUESTED, null, m);
    }

    /** A second return (二次退回): the supervisors of the returning department's region decide. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onReturnEscalated(ReceivedEvent escalated) {
        CaseRecipient c = CaseRecipient.of(escalated.grievanceId());
        if (waitsFor(WaitingNotice.Fact.SUBMITTER, escalated, c)) {
            return;
        }
        Map<String, Object> m = model(c);
        List<String> returners = new ArrayList<>();
        escalated.data().path("returns").forEach(r -> returners.add(departmentName(r.path("department").asText(), c)
                + "（" + r.path("reason").asText("") + "）"));
        m.put("returns", String.join("；", returners));
        m.put("returnCount", returners.size());
        tellDecisionMakers(escalated.id(), c, NoticeKind.RETURN_ESCALATED, escalated.text("region"), m);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void onReopenLimitReached(ReceivedEvent reached) {
        CaseRecipient c = CaseRecipient.of(reached.grievanceId());
        String region = reached.text("region");
        if (region == null && waitsFor(WaitingNotice.Fact.LEAD_DEPARTMENT, reached, c)) {
            return;
        }
        Map<String, Object> m = model(c);
        m.put("rounds", reached.data().path("rounds").asInt(3));
        tellDecisionMakers(reached.id(), c, NoticeKind.REOPEN_LIMIT, region, m);
    }

    /** 约谈名单: the departments below the threshold, to the supervisors of the region it was drawn for. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onSummonsListPublished(ReceivedEvent published) {
        CaseRecipient c = CaseRecipient.of(published.grievanceId());
        String region = published.text("region") != null ? published.text("region") : published.text("regionCode");
        if (region == null) {
            return;
        }
        List<String> departments = new ArrayList<>();
        published.data().path("departments").forEach(d -> departments.add(d.isTextual() ? d.asText()
                : d.path("name").asText(d.path("code").asText())));
        Map<String, Object> m = model(c);
        m.put("period", text(published, "period"));
        m.put("departments", String.join("、", departments));
        m.put("count", departments.size());
        notices.tell(new Notice(published.id(), NoticeKind.SUMMONS_LIST, "supervisors:" + region, false, m, null), c);
    }

    /** Rules found no department: the operators of the region dispatch by hand (a tip-off's oversight body). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void onManualDispatchRequired(ReceivedEvent required) {
        CaseRecipient c = CaseRecipient.of(required.grievanceId());
        if (waitsFor(WaitingNotice.Fact.SUBMITTER, required, c)) {
            return;
        }
        String region = required.text("regionCode") != null ? required.text("regionCode") : c.regionCode;
        if (region == null) {
            return;
        }
        Map<String, Object> m = model(c);
        m.put("reason", text(required, "reason"));
        notices.tell(new Notice(required.id(), NoticeKind.MANUAL_DISPATCH, (c.tipOff ? "oversight:" : "operators:") + region,
                false, m, null), c);
    }

    // --- the rules' shared parts -----------------------------------------------------------------------------

    /**
     * Whether the event must wait for a fact of its case that another topic brings; if so it is recorded, to be
     * applied again by {@link #applyWaiting} when the fact is applied.
     */
    private boolean waitsFor(WaitingNotice.Fact fact, ReceivedEvent event, CaseRecipient c) {
        boolean known = switch (fact) {
            case SUBMITTER -> c.submitterKnown;
            case LEAD_DEPARTMENT -> c.leadDepartmentCode != null;
        };
        if (!known) {
            WaitingNotice.record(event, fact, clock.instant());
        }
        return !known;
    }

    /** The fact has just been applied: the events that waited for it go through their rules now, oldest first. */
    private void applyWaiting(CaseRecipient c, WaitingNotice.Fact fact) {
        for (WaitingNotice waiting : WaitingNotice.takeAll(c.grievanceId, fact)) {
            ReceivedEvent event = waiting.event(json);
            switch (event.type()) {
                case "routing.info-requested" -> onInfoRequested(event);
                case "routing.extension-requested" -> onExtensionRequested(event);
                case "routing.return-escalated" -> onReturnEscalated(event);
                case "routing.manual-dispatch-required" -> onManualDispatchRequired(event);
                case "intake.reopen-limit-reached" -> onReopenLimitReached(event);
                case "deadline.urged" -> onUrged(event);
                case "deadline.supervision-issued" -> onSupervisionIssued(event);
                default -> throw new IllegalStateException("no rule waits for " + event);
            }
        }
    }

    /** The enterprise hears of a dispatch with the department and the reply due time of that round. */
    private void tellDispatchWhenKnown(CaseRecipient c) {
        if (c.uscc == null || c.tipOff || c.dispatchEventId == null || c.replyDueAt == null
                || c.replyDueRound != c.dispatchRound) {
            return;
        }
        Map<String, Object> m = model(c);
        m.put("department", c.leadDepartmentName != null ? c.leadDepartmentName : c.leadDepartmentCode);
        m.put("dueAt", CHINA_TIME.format(c.replyDueAt));
        tellEnterprise(c.dispatchEventId, c, NoticeKind.DISPATCHED, m, null);
    }

    /** The reply and its rating link go out together once both the reply and intake's invitation are known. */
    private void tellReplyWhenKnown(CaseRecipient c) {
        if (c.ratingEventId == null || (c.replyText == null && !c.tipOff)) {
            return;
        }
        Map<String, Object> m = model(c);
        m.put("department", departmentName(c.replyDepartment, c));
        m.put("replyText", c.replyText == null ? "" : c.replyText);
        m.put("expiresAt", c.ratingExpiresAt == null ? "" : CHINA_TIME.format(c.ratingExpiresAt));
        tellReporterOrEnterprise(c.ratingEventId, c, NoticeKind.REPLY, m, c.ratingLink);
    }

    private void tellReporterOrEnterprise(UUID eventId, CaseRecipient c, NoticeKind kind, Map<String, Object> m,
            String link) {
        if (c.tipOff) {
            m.put("link", link == null ? "" : link);
            notices.tell(new Notice(eventId, kind, "reporter:" + c.grievanceId, false, m, link), c);
        } else if (c.uscc != null) {
            tellEnterprise(eventId, c, kind, m, link);
        }
    }

    /** The enterprise, and its liaison officer in copy (联系企业领导抄送) without the rating link. */
    private void tellEnterprise(UUID eventId, CaseRecipient c, NoticeKind kind, Map<String, Object> m, String link) {
        Map<String, Object> own = new LinkedHashMap<>(m);
        own.put("copy", false);
        own.put("link", link == null ? "" : link);
        notices.tell(new Notice(eventId, kind, "enterprise:" + c.uscc, false, own, link), c);
        Recipient liaison = Recipient.findById("liaison:" + c.uscc);
        if (liaison != null && liaison.active && !c.tipOff) {
            Map<String, Object> copy = new LinkedHashMap<>(m);
            copy.put("copy", true);
            copy.put("link", "");
            notices.tell(new Notice(eventId, kind, "liaison:" + c.uscc, false, copy, null), c);
        }
    }

    /** Decisions on a tip-off are the oversight body's; on any other case the supervisors'. */
    private void tellDecisionMakers(UUID eventId, CaseRecipient c, NoticeKind kind, String region, Map<String, Object> m) {
        String target = region != null ? region : c.leadDepartmentRegion != null ? c.leadDepartmentRegion : c.regionCode;
        if (target != null) {
            notices.tell(new Notice(eventId, kind, (c.tipOff ? "oversight:" : "supervisors:") + target, false, m, null), c);
        }
    }

    private CaseRecipient learnGrievance(ReceivedEvent e) {
        CaseRecipient c = CaseRecipient.of(e.grievanceId());
        c.category = e.text("category");
        c.tipOff = "TIP_OFF".equals(c.category) || e.text("reporterRef") != null;
        c.trackingNumber = e.text("trackingNumber");
        c.regionCode = e.text("regionCode");
        c.respondentDepartment = e.text("respondentDepartment");
        c.urgency = e.text("urgency");
        c.submitterKnown = true;
        if (!c.tipOff) {
            c.uscc = e.text("uscc");
            JsonNode contact = e.data().path("contact");
            c.contactName = contact.path("name").asText(null);
            c.contactPhone = contact.path("phone").asText(null);
            c.contactEmail = contact.path("email").asText(null);
        }
        c.updatedAt = clock.instant();
        return c;
    }

    private static Map<String, Object> model(CaseRecipient c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trackingNumber", c.trackingNumber == null ? "—" : c.trackingNumber);
        m.put("copy", false);
        m.put("link", "");
        m.put("urgent", "URGENT".equals(c.urgency));
        return m;
    }

    /** A department's name from the directory when known, else its code. */
    private static String departmentName(String code, CaseRecipient c) {
        if (code == null) {
            return "";
        }
        if (code.equals(c.leadDepartmentCode) && c.leadDepartmentName != null) {
            return c.leadDepartmentName + "（" + code + "）";
        }
        Recipient r = Recipient.findById("department:" + code);
        return r != null && r.displayName != null ? r.displayName + "（" + code + "）" : code;
    }

    private static String text(ReceivedEvent e, String field) {
        String value = e.text(field);
        return value == null ? "" : value;
    }

    private static String time(String instant) {
        return instant == null ? "" : CHINA_TIME.format(Instant.parse(instant));
    }
}
