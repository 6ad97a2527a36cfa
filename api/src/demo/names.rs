//! The names the demo data is built from: units, townships and streets, partner agencies,
//! inspection teams, people and rounds. They are plausible, modelled on Wanzhou District,
//! Chongqing (2014–2017), and are for demonstration only; the people are fictitious.

/// The 33 district-level departments (区级部门) that are inspected.
pub const DISTRICT_DEPARTMENTS: [&str; 33] = [
    "区委宣传部",
    "区委统战部",
    "区委政法委",
    "区直机关工委",
    "区发展改革委",
    "区教委",
    "区科委",
    "区经济信息委",
    "区民政局",
    "区司法局",
    "区国土房管局",
    "区环保局",
    "区城乡建委",
    "区交委",
    "区农委",
    "区林业局",
    "区水务局",
    "区商务局",
    "区文化委",
    "区卫生健康委",
    "区国资委",
    "区安监局",
    "区统计局",
    "区旅游局",
    "区市政园林局",
    "区市场监管局",
    "区人防办",
    "区规划局",
    "区扶贫办",
    "区移民局",
    "区粮食局",
    "区体育局",
    "区档案局",
];

/// The 52 townships, towns and streets (镇乡街道) of Wanzhou District.
pub const TOWNSHIPS_STREETS: [&str; 52] = [
    "高笋塘街道",
    "太白街道",
    "牌楼街道",
    "双河口街道",
    "龙都街道",
    "周家坝街道",
    "沙河街道",
    "钟鼓楼街道",
    "百安坝街道",
    "五桥街道",
    "陈家坝街道",
    "小周镇",
    "大周镇",
    "新乡镇",
    "孙家镇",
    "高峰镇",
    "龙沙镇",
    "响水镇",
    "武陵镇",
    "瀼渡镇",
    "甘宁镇",
    "天城镇",
    "熊家镇",
    "高梁镇",
    "李河镇",
    "分水镇",
    "余家镇",
    "后山镇",
    "弹子镇",
    "长岭镇",
    "新田镇",
    "白羊镇",
    "龙驹镇",
    "走马镇",
    "罗田镇",
    "太龙镇",
    "长滩镇",
    "太安镇",
    "白土镇",
    "郭村镇",
    "柱山乡",
    "铁峰乡",
    "溪口乡",
    "长坪乡",
    "燕山乡",
    "梨树乡",
    "普子乡",
    "地宝土家族乡",
    "恒合土家族乡",
    "黄柏乡",
    "九池乡",
    "茨竹乡",
];

/// The 35 district-managed state-owned enterprises and public institutions (区管国有企事业单位).
pub const STATE_ENTERPRISES_INSTITUTIONS: [&str; 35] = [
    "区城市建设投资集团有限公司",
    "区交通建设开发集团有限公司",
    "区经济技术开发集团有限公司",
    "区融资担保有限公司",
    "区水务集团有限公司",
    "区国有资产经营有限公司",
    "区农业投资集团有限公司",
    "区旅游开发集团有限公司",
    "区公共交通有限公司",
    "区燃气有限公司",
    "区粮食储备有限公司",
    "区港口集团有限公司",
    "区人民医院",
    "区中医院",
    "区妇幼保健院",
    "区疾病预防控制中心",
    "区精神卫生中心",
    "区急救中心",
    "区第一中学",
    "区第二中学",
    "区第三中学",
    "区实验中学",
    "区职业教育中心",
    "区广播电视台",
    "区图书馆",
    "区博物馆",
    "区三峡移民纪念馆",
    "区公路养护中心",
    "区公共资源交易中心",
    "区土地储备中心",
    "区农业技术推广站",
    "区社会福利院",
    "区环境卫生管理处",
    "区机关事务管理中心",
    "区体育场馆管理中心",
];

/// The ten partner agencies of the "1+10" mechanism (the article names nine; the tenth is plausible).
pub const PARTNER_AGENCIES: [&str; 10] = [
    "区纪委监察局",
    "区委组织部",
    "区检察院",
    "区法院",
    "区公安局",
    "区财政局",
    "区审计局",
    "区编办",
    "区信访办",
    "区人力社保局",
];

/// What each partner agency may decide: the commission, the organisation department, the judicial
/// bodies, and the departments. The article names nine of the ten; 区人力社保局 is the demo's tenth.
pub fn competence_of(agency: &str) -> entities::AgencyCompetence {
    use entities::AgencyCompetence::*;
    match agency {
        "区纪委监察局" => DisciplineSupervision,
        "区委组织部" => Organization,
        "区检察院" | "区法院" | "区公安局" => Judicial,
        _ => General,
    }
}

/// The district committee's inspection teams (区委巡察组).
pub const TEAMS: [&str; 5] = ["区委第一巡察组", "区委第二巡察组", "区委第三巡察组", "区委第四巡察组", "区委第五巡察组"];

/// Common Chinese surnames, combined with `GIVEN_NAMES` into fictitious person names.
pub const SURNAMES: [&str; 40] = [
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林",
    "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "蒋",
    "蔡", "余",
];

/// Common one- or two-character given names, combined with `SURNAMES` into person names.
pub const GIVEN_NAMES: [&str; 60] = [
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "霞", "平", "刚",
    "俊", "斌", "鹏", "辉", "玲", "婷", "琳", "燕", "波", "娟", "浩", "秀英", "桂英", "建国", "建华", "志强", "志明",
    "国庆", "海燕", "红梅", "晓东", "晓燕", "文杰", "雪梅", "春梅", "德明", "光辉", "永红", "立新", "建军", "小红",
    "亚平", "宏伟", "学军", "朝阳", "卫东", "家伟", "思远", "子涵", "明华", "庆华",
];

/// The six inspection rounds, 2014–2017, in order.
pub const ROUND_NAMES: [&str; 6] = [
    "2014年第一轮巡察",
    "2015年第一轮巡察",
    "2015年第二轮巡察",
    "2016年第一轮巡察",
    "2016年第二轮巡察",
    "2017年第一轮巡察",
];

/// Start and end dates (ISO `YYYY-MM-DD`) of each round in `ROUND_NAMES`, same order.
pub const ROUND_DATES: [(&str, &str); 6] = [
    ("2014-10-20", "2014-12-19"),
    ("2015-03-16", "2015-05-15"),
    ("2015-09-07", "2015-11-06"),
    ("2016-03-14", "2016-05-13"),
    ("2016-09-05", "2016-11-04"),
    ("2017-03-13", "2017-05-12"),
];
