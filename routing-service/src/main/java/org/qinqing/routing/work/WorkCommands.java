package org.qinqing.routing.work;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The bodies of the departments' commands. None of them can set a status, a department or a due time. */
public final class WorkCommands {

    private WorkCommands() {
    }

    public record Note(@NotBlank @Size(max = 2000) String text, boolean visibleToEnterprise) {
    }

    public record AskForInformation(@NotBlank @Size(max = 1000) String question) {
    }

    public record RequestExtension(@Min(1) @Max(30) int workingDays, @NotBlank @Size(max = 1000) String reason) {
    }

    public record RequestCoHandling(@NotBlank @Pattern(regexp = "[A-Z0-9-]{2,32}") String department,
            @NotBlank @Size(max = 1000) String question) {
    }

    public record CoHandlingAnswer(@NotBlank @Size(max = 5000) String answer) {
    }

    public record ReplyToEnterprise(@NotBlank @Size(max = 5000) String text,
            @Size(max = 20) List<@NotBlank @Size(max = 200) String> attachments) {
    }

    /** 退回: a reason and the basis (the duty list or regulation that says whose case it is) are both required. */
    public record ReturnCase(@NotBlank @Size(max = 1000) String reason, @NotBlank @Size(max = 1000) String basis) {
    }

    public record ManualDispatch(@NotBlank @Pattern(regexp = "[A-Z0-9-]{2,32}") String department,
            @NotBlank @Size(max = 1000) String reason) {
    }

}
