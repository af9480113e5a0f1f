package org.qinqing.notification.template;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * Renders a notice from {@code templates/notices/{language}/{kind}.txt}: its fragments {@code title} (inbox
 * title, e-mail subject, WeChat heading), {@code text} (inbox and e-mail body) and {@code sms} (the short text
 * for SMS and WeChat, cut to carrier segments by the SMS channel). Chinese (zh-CN) is the fallback language.
 */
@ApplicationScoped
public class Templates {

    public static final String FALLBACK = "zh-CN";

    public record Rendered(String title, String text, String sms) {
    }

    private final Engine engine;

    public Templates(Engine engine) {
        this.engine = engine;
    }

    public Rendered render(NoticeKind kind, String language, Map<String, Object> model) {
        Template template = engine.getTemplate("notices/" + language + "/" + kind.key() + ".txt");
        if (template == null) {
            template = engine.getTemplate("notices/" + FALLBACK + "/" + kind.key() + ".txt");
        }
        if (template == null) {
            throw new IllegalStateException("no template for notice " + kind.key());
        }
        return new Rendered(fragment(template, "title", model), fragment(template, "text", model),
                fragment(template, "sms", model));
    }

    private static String fragment(Template template, String id, Map<String, Object> model) {
        Template.Fragment fragment = template.getFragment(id);
        if (fragment == null) {
            throw new IllegalStateException("template " + template.getId() + " has no fragment " + id);
        }
        TemplateInstance instance = fragment.instance();
        model.forEach((key, value) -> instance.data(key, value == null ? "" : value));
        return instance.render().strip().replaceAll("[ \\t]*\\n[ \\t]*\\n+", "\n\n");
    }
}
