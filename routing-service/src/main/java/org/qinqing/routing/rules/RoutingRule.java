package org.qinqing.routing.rules;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

@Entity
@Table(name = "routing_rule")
public class RoutingRule extends PanacheEntityBase {

    @Id
    public String id;
    public int priority;
    public String category;
    @Column(name = "subject_area")
    public String subjectArea;
    @Column(name = "region_prefix")
    public String regionPrefix;
    @JdbcTypeCode(SqlTypes.ARRAY)
    public String[] keywords;
    @Column(name = "lead_department_code")
    public String leadDepartmentCode;
    @Column(name = "lead_duty")
    public String leadDuty;
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "co_handling")
    public String[] coHandling = new String[0];
    public String description;
    public boolean active = true;
}
