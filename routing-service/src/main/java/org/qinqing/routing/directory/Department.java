package org.qinqing.routing.directory;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** A unit in the directory: an ordinary department, a business-environment office (营商办) or an oversight body (纪委监委). */
@Entity
public class Department extends PanacheEntityBase {

    @Id
    public String code;
    @Column(name = "name_zh")
    public String nameZh;
    @Column(name = "name_en")
    public String nameEn;
    public String kind;
    public String level;
    @Column(name = "region_code")
    public String regionCode;
    @Column(name = "parent_code")
    public String parentCode;
    public String duty;
    @org.hibernate.annotations.JdbcTypeCode(org.hibernate.type.SqlTypes.ARRAY)
    public String[] keywords = new String[0];
    public boolean active = true;
}
