package org.qinqing.intake.events;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jboss.logging.Logger;
import org.qinqing.events.Actor;
import org.qinqing.events.ReceivedEvent;
import org.qinqing.intake.grievance.Grievance;
import org.qinqing.intake.grievance.GrievanceStatus;
import org.qinqing.intake.grievance.Lifecycle;
import org.qinqing.intake.grievance.TimelineEntry;
import org.qinqing.intake.rating.RatingService;

/**
 * Applies other services' events to the grievance: status transitions of PLATFORM.md §3 and what the
 * enterprise sees (department, due times). Events may arrive in any order across topics; an event that no
 * longer fits the status is recorded on the timeline and changes nothing (§4 "Races").
 */
@ApplicationScoped
public class EventApplier {

    private static final Logger LOG = Logger.getLogger(EventApplier.class);

    private final RatingService ratings;
    /** What intake applies, by event type; the rest of a topic is for others and is passed by. */
    private final Map<String, Consumer<ReceivedEvent>> handlers;

    public EventApplier(RatingService ratings) {
        this.ratings = ratings;
        Map<String, BiConsumer<Grievance, ReceivedEvent>> byType = new HashMap<>();
        byType.put("routing.dispatched", this::dispatched);
        byType.put("deadline.deadline-set", this::deadlineSet);
        byType.put("routing.note-added", (g, event) -> record(g, event, "note-added", event.text("text"),
                !"ENTERPRISE".equals(event.text("visibility"))));
        byType.put("routing.co-handling-requested", (g, event) -> record(g, event, "co-handling-requested",
                "请 " + event.text("department") + " 协办：" + event.text("question"), true));
        byType.put("deadline.warning", (g, event) -> record(g, event, "warning",
                clockName(event) + "即将到期（" + event.text("dueAt") + "）", true));
        byType.put("deadline.escalated", this::escalated);
        byType.put("deadline.rating-window-expired", (g, event) -> {
            if (!ratings.onWindowExpired(g, event)) {
                record(g, event, "rating-window-expired", "评价期满（状态 " + g.status + " 不变）", true);
            }
        });
        byType.put("deadline.reopen-decided", (g, event) -> {
            if (!ratings.onReopenDecided(g, event)) {
                record(g, event, "reopen-decided", "督办部门裁定：" + event.text("decision") + "，" + event.text("reason"), false);
            }
        });
        byType.put("deadline.extension-decided", (g, event) -> record(g, event, "extension-decided",
                ("APPROVED".equals(event.text("decision")) ? "延期获批，新的答复期限 " + event.text("dueAt") : "延期申请未获批准")
                        + "：" + event.text("reason"), false));
        byType.put("deadline.return-decided", (g, event) -> record(g, event, "return-decided",
                "督办部门裁定由 " + event.text("department") + " 办理：" + event.text("reason"), false));
        byType.put("deadline.supervision-issued", (g, event) -> record(g, event, "supervision-issued",
                "列为督办件，限 " + event.text("completionDate") + " 前办结", false));
        byType.put("deadline.urged", (g, event) -> record(g, event, "urged", "催办：" + event.text("text"), true));
        byType.put("notification.delivered", (g, event) -> record(g, event, "delivered",
                "已通过 " + event.text("channel") + " 通知 " + event.text("recipient"), true));
        byType.put("notification.delivery-failed", (g, event) -> record(g, event, "delivery-failed",
                "通过 " + event.text("channel") + " 通知 " + event.text("recipient") + " 失败：" + event.text("reason"), true));
        TRANSITIONS_BY_EVENT.forEach((type, trigger) -> byType.put(type, (g, event) -> transition(g, event, trigger)));
        Map<String, Consumer<ReceivedEvent>> handlers = new HashMap<>();
        byType.forEach((type, handler) -> handlers.put(type, event -> applyToGrievance(event, handler)));
        this.handlers = Map.copyOf(handlers);
    }

    /** The handlers by event type, for {@code IdempotentConsumer.consumeBatch}. */
    public Map<String, Consumer<ReceivedEvent>> handlers() {
        return handlers;
    }

    private static void applyToGrievance(ReceivedEvent event, BiConsumer<Grievance, ReceivedEvent> handler) {
        Grievance grievance = Grievance.findById(event.grievanceId());
        if (grievance == null) {
            LOG.warnf("%s names an unknown grievance; ignored", event);
            return;
        }
        handler.accept(grievance, event);
    }

    /** Events that move a grievance through the lifecycle and what they say on the timeline. */
    private static final Map<String, Lifecycle.Trigger> TRANSITIONS_BY_EVENT = Map.of(
            "routing.manual-dispatch-required", Lifecycle.Trigger.MANUAL_DISPATCH_REQUIRED,
            "routing.signed", Lifecycle.Trigger.SIGNED,
            "routing.info-requested", Lifecycle.Trigger.INFO_REQUESTED,
            "routing.replied", Lifecycle.Trigger.REPLIED,
            "routing.returned", Lifecycle.Trigger.RETURNED,
            "routing.return-escalated", Lifecycle.Trigger.RETURN_ESCALATED);

    private static String describe(ReceivedEvent event) {
        return switch (event.name()) {
            case "manual-dispatch-required" -> "转人工分派：" + event.text("reason");
            case "signed" -> event.text("department") + " 已签收";
            case "info-requested" -> event.text("department") + " 请企业补充材料：" + event.text("question");
            case "replied" -> event.text("department") + " 已答复：" + event.text("text");
            case "returned" -> event.text("department") + " 退回：" + event.text("reason") + "（依据：" + event.text("basis") + "）";
            case "return-escalated" -> "两次退回，提交督办部门裁定";
            default -> event.name();
        };
    }

    /** Applies a lifecycle transition; an event that no longer fits the status is recorded and changes nothing. */
    private void transition(Grievance g, ReceivedEvent event, Lifecycle.Trigger trigger) {
        GrievanceStatus before = g.status;
        if (trigger == Lifecycle.Trigger.INFO_REQUESTED && event.text("infoRequestId") != null) {
            g.openInfoRequest = java.util.UUID.fromString(event.text("infoRequestId"));
        }
        if (trigger == Lifecycle.Trigger.REPLIED) {
            g.repliedOnce = true;
        }
        Optional<GrievanceStatus> next = Lifecycle.next(g.status, trigger);
        next.ifPresent(status -> g.status = status);
        if (trigger == Lifecycle.Trigger.REPLIED && next.isPresent()) {
            ratings.onReplied(g, event);
        }
        if (trigger == Lifecycle.Trigger.RETURNED && next.isPresent()) {
            // the returning department's access ends with the return (PLATFORM.md §2)
            g.leadDepartmentCode = null;
            g.leadDepartmentName = null;
            g.coHandlingDepartments = ",";
        }
        g.updatedAt = Instant.now();
        String detail = describe(event);
        record(g, event, event.name(), before == g.status ? detail + "（状态 " + before + " 不变）" : detail, false);
    }

    private static String clockName(ReceivedEvent event) {
        return "SIGN_FOR".equals(event.text("clock")) ? "签收期限" : "答复期限";
    }

    /** Levels reached stay on record and never go down; an oversight body the case reached may read it from then on. */
    private void escalated(Grievance g, ReceivedEvent event) {
        int level = event.data().path("level").asInt();
        g.escalationLevel = Math.max(g.escalationLevel, level);
        if ("OVERSIGHT".equals(event.text("target"))) {
            g.oversightRegion = event.text("targetRegion");
        }
        g.updatedAt = Instant.now();
        record(g, event, "escalated", (level == 1 ? "已超期，" : "超期升级，") + clockName(event) + "第" + level + "级督办提醒至"
                + ("OVERSIGHT".equals(event.text("target")) ? "纪检监察机关" : "营商环境部门"), false);
    }

    private void dispatched(Grievance g, ReceivedEvent event) {
        int round = event.data().path("round").asInt(1);
        JsonNode lead = event.data().path("lead");
        if (round < g.dispatchRound) {
            record(g, event, "dispatched", "第" + round + "轮分派晚于第" + g.dispatchRound + "轮到达，未改变状态", true);
            return;
        }
        GrievanceStatus before = g.status;
        Lifecycle.next(g.status, Lifecycle.Trigger.DISPATCHED).ifPresent(next -> g.status = next);
        g.dispatchRound = round;
        g.leadDepartmentCode = lead.path("code").asText(null);
        g.leadDepartmentName = lead.path("name").asText(null);
        g.leadDepartmentRegion = lead.path("region").asText(null);
        StringBuilder coHandling = new StringBuilder(",");
        event.data().path("coHandling").forEach(d -> coHandling.append(d.path("code").asText()).append(','));
        g.coHandlingDepartments = coHandling.toString();
        g.updatedAt = Instant.now();
        String detail = "分派至 " + g.leadDepartmentName + "（" + event.data().path("reason").asText("") + "）";
        record(g, event, "dispatched", before == g.status ? detail + "；状态 " + before + " 不变" : detail, false);
    }

    private void deadlineSet(Grievance g, ReceivedEvent event) {
        if (event.sequence() <= g.deadlineSequence) {
            return;
        }
        g.deadlineSequence = event.sequence();
        Instant due = Instant.parse(event.text("dueAt"));
        String clock = event.text("clock");
        switch (clock) {
            case "SIGN_FOR" -> g.signDueAt = due;
            case "REPLY" -> g.replyDueAt = due;
            case "RATING_WINDOW" -> {
                ratings.onRatingWindow(g, event.data().path("round").asInt(1), due);
                return;
            }
            default -> {
                return;
            }
        }
        g.dueProvisional = event.data().path("provisional").asBoolean(false);
        g.updatedAt = Instant.now();
        record(g, event, "deadline-set", ("SIGN_FOR".equals(clock) ? "签收期限 " : "答复期限 ") + due, false);
    }

    private static void record(Grievance g, ReceivedEvent event, String step, String detail, boolean internal) {
        JsonNode actor = event.data().path("actor");
        TimelineEntry entry = TimelineEntry.record(g, event.occurredAt(), step,
                new Actor(actor.path("role").asText("system"), actor.path("department").asText(null),
                        actor.path("region").asText(null)),
                detail, event.id());
        entry.internal = internal;
    }
}
