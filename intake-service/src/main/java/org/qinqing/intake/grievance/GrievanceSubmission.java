package org.qinqing.intake.grievance;

import com.fasterxml.jackson.annotation.JsonIgnore;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What an enterprise (or an operator on its behalf) submits. Status, department and due times are not its to set.
 * An anonymous tip-off names no enterprise; its phone or email, if given, is only for following it up.
 */
public record GrievanceSubmission(
        @Uscc String uscc,
        @Size(max = 100) String enterpriseName,
        EnterpriseSize enterpriseSize,
        Ownership ownership,
        @NotNull @RegionCode String regionCode,
        @Size(max = 50) String contactName,
        @Pattern(regexp = "1[3-9]\\d{9}|0\\d{2,3}-?\\d{7,8}", message = "{qinqing.phone.invalid}") String contactPhone,
        @Email @Size(max = 100) String contactEmail,
        @NotNull Channel channel,
        @NotNull Category category,
        @NotNull SubjectArea subjectArea,
        @NotNull Urgency urgency,
        @NotBlank @Size(max = 100) String title,
        @NotBlank @Size(max = 5000) String content,
        @Size(max = 32) String respondentDepartment,
        Boolean anonymous) {

    public boolean isAnonymous() {
        return Boolean.TRUE.equals(anonymous);
    }

    @JsonIgnore
    @AssertTrue(message = "{qinqing.submission.enterprise-required}")
    public boolean isEnterpriseNamedUnlessAnonymous() {
        return isAnonymous() || uscc != null && enterpriseName != null && !enterpriseName.isBlank();
    }

    @JsonIgnore
    @AssertTrue(message = "{qinqing.submission.respondent-complaint-or-tip-off}")
    public boolean isRespondentOnlyForComplaintsAndTipOffs() {
        return respondentDepartment == null || respondentDepartment.isBlank() || category == Category.COMPLAINT
                || category == Category.TIP_OFF;
    }

    @JsonIgnore
    @AssertTrue(message = "{qinqing.submission.anonymous-tip-off-only}")
    public boolean isAnonymousOnlyForTipOffs() {
        return !isAnonymous() || category == Category.TIP_OFF;
    }
}
