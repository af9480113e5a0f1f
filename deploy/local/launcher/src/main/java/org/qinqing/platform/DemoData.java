package org.qinqing.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One demo grievance of the demo enterprise, so the first look at the platform shows a case moving through it. */
final class DemoData {

    static final String DEMO_GRIEVANCE = """
            {"uscc":"91330106MA2B2C3D4W","enterpriseName":"杭州青禾科技有限公司","enterpriseSize":"SMALL",\
            "ownership":"PRIVATE","regionCode":"330106","contactName":"王经理","contactPhone":"13800571234",\
            "channel":"WEB","category":"HELP_REQUEST","subjectArea":"FINANCING","urgency":"NORMAL",\
            "title":"融资贷款审批迟迟没有结果","content":"我公司三月提交的科技型中小企业贷款贴息申请至今没有答复，请帮助协调。"}""";

    /** What the printed curl submits: another matter, so it is not held as a duplicate of the demo grievance. */
    static final String TRY_IT_GRIEVANCE = """
            {"uscc":"91330106MA2B2C3D4W","enterpriseName":"杭州青禾科技有限公司","enterpriseSize":"SMALL",\
            "ownership":"PRIVATE","regionCode":"330106","contactName":"王经理","contactPhone":"13800571234",\
            "channel":"WEB","category":"CONSULTATION","subjectArea":"POLICY_BENEFITS","urgency":"URGENT",\
            "title":"高新技术企业认定奖励何时兑现","content":"我司去年通过高新技术企业认定，区里承诺的奖励资金申报后一直没有到账，想了解兑现进度。"}""";

    private DemoData() {
    }

    /** Submits the demo grievance unless the demo enterprise already has one; returns its tracking answer or null. */
    static String seed(LocalPlatform.Settings settings, String realmUrl) {
        String token = KeycloakServer.passwordGrant(realmUrl, "qinqing-portal", "ent-hz", RealmDefinition.DEMO_PASSWORD);
        String grievances = settings.serviceUrl("intake") + "/api/v1/grievances";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> existing = http.send(HttpRequest.newBuilder(URI.create(grievances + "?size=1"))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (existing.statusCode() == 200 && !existing.body().strip().equals("[]")) {
                return null;
            }
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(grievances))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(DEMO_GRIEVANCE)).build(), HttpResponse.BodyHandlers.ofString());
            return created.statusCode() == 201 ? created.body() : "demo grievance refused: " + created.statusCode();
        } catch (IOException e) {
            return "demo grievance not submitted: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
