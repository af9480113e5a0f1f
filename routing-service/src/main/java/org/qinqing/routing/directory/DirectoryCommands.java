package org.qinqing.routing.directory;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** What an admin writes into the directory and the rule table. */
public final class DirectoryCommands {

    private DirectoryCommands() {
    }

    public record DepartmentEntry(
            @NotBlank @Pattern(regexp = "[A-Z0-9-]{2,32}") String code,
            @NotBlank @Size(max = 100) String nameZh,
            @NotBlank @Size(max = 150) String nameEn,
            @NotNull @Pattern(regexp = "ORDINARY|BUSINESS_ENVIRONMENT_OFFICE|OVERSIGHT_BODY") String kind,
            @NotNull @Pattern(regexp = "PROVINCE|CITY|DISTRICT") String level,
            @NotNull @Pattern(regexp = "\\d{6}") String regionCode,
            @Pattern(regexp = "[A-Z0-9-]{2,32}") String parentCode,
            @Size(max = 32) String duty,
            @Size(max = 50) List<@NotBlank @Size(max = 32) String> keywords,
            Boolean active) {
    }

    public record RuleEntry(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9-]{2,32}") String id,
            @Min(0) @Max(10000) int priority,
            @Pattern(regexp = "CONSULTATION|HELP_REQUEST|COMPLAINT|TIP_OFF|SUGGESTION") String category,
            @Size(max = 32) String subjectArea,
            @NotNull @Pattern(regexp = "\\d{0,6}") String regionPrefix,
            @Size(max = 20) List<@NotBlank @Size(max = 32) String> keywords,
            @Pattern(regexp = "[A-Z0-9-]{2,32}") String leadDepartment,
            @Size(max = 32) String leadDuty,
            @Size(max = 10) List<@NotBlank String> coHandling,
            @NotBlank @Size(max = 200) String description,
            Boolean active) {
    }

    public record LiaisonEntry(
            @NotBlank @Size(max = 50) String officialName,
            @NotBlank @Size(max = 100) String title,
            @NotBlank @Pattern(regexp = "[A-Z0-9-]{2,32}") String department,
            @Pattern(regexp = "1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}") String phone,
            @Email @Size(max = 100) String email) {
    }
}
