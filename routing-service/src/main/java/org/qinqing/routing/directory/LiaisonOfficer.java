package org.qinqing.routing.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The official linked to an enterprise (联系企业领导 / 首席服务员), copied on its cases (never on tip-offs). */
@Entity
@Table(name = "liaison_officer")
public class LiaisonOfficer extends PanacheEntityBase {

    @Id
    public String uscc;
    @Column(name = "official_name")
    public String officialName;
    public String title;
    @Column(name = "department_code")
    public String departmentCode;
    public String phone;
    public String email;
    @Column(name = "updated_at")
    public Instant updatedAt;
}
