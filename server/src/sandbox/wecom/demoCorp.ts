/** The corp the simulator plays: its directory, its customers and who follows whom. */

export interface Department {
  id: number;
  name: string;
  name_en: string;
  parentid: number;
  order: number;
  department_leader: string[];
}

export interface Member {
  userid: string;
  name: string;
  department: number[];
  main_department: number;
  position: string;
  /** WeCom's gender strings: "0" unknown, "1" male, "2" female. */
  gender: "0" | "1" | "2";
  /** 1 active, 2 disabled, 4 not yet activated, 5 left. */
  status: 1 | 2 | 4 | 5;
  is_leader_in_dept: number[];
  avatar: string;
}

export interface Customer {
  external_userid: string;
  name: string;
  avatar: string;
  /** 1 a WeChat user, 2 a WeCom user. */
  type: 1 | 2;
  gender: 0 | 1 | 2;
  /** Present only when the corp is bound to the same WeChat open platform. */
  unionid?: string;
}

export interface FollowRelation {
  userid: string;
  external_userid: string;
  remark: string;
  description: string;
  /** Seconds, as WeCom answers it. */
  createtime: number;
  tagIds: string[];
  state?: string;
  /** 1 scanned a QR code, 0 unknown; the simulator uses these two. */
  add_way: number;
  oper_userid: string;
}

export interface Tag {
  id: string;
  name: string;
  create_time: number;
  order: number;
  deleted: boolean;
}

export interface TagGroup {
  group_id: string;
  group_name: string;
  create_time: number;
  order: number;
  deleted: boolean;
  tag: Tag[];
}

export interface DemoCorp {
  departments: Department[];
  members: Member[];
  customers: Customer[];
  follows: FollowRelation[];
  tagGroups: TagGroup[];
}

const avatar = (seed: string) => `https://wework.qpic.cn/wwhead/sandbox-${seed}/0`;
const member = (userid: string, name: string, department: number, position: string, gender: Member["gender"], leader = false): Member => ({
  userid,
  name,
  department: [department],
  main_department: department,
  position,
  gender,
  status: 1,
  is_leader_in_dept: [leader ? 1 : 0],
  avatar: avatar(userid),
});

/** Fixed ids, so the sandbox console, seeds and tests can name them. */
export const DEMO = {
  rootDepartment: 1,
  sales1: 2,
  sales2: 3,
  manager: "ZhangWei",
  staff: ["LiNa", "WangFang", "LiuYang", "ChenJing", "YangLei", "ZhaoMin"],
  customers: ["wmDemoCustomer0000000000000001", "wmDemoCustomer0000000000000002", "wmDemoCustomer0000000000000003"],
} as const;

/** One manager and six staff in 销售一部 and 销售二部, three customers, two tag groups. */
export function demoCorp(createdAtS: number): DemoCorp {
  const departments: Department[] = [
    { id: DEMO.rootDepartment, name: "演示科技有限公司", name_en: "Demo Tech", parentid: 0, order: 100000000, department_leader: [DEMO.manager] },
    { id: DEMO.sales1, name: "销售一部", name_en: "Sales 1", parentid: 1, order: 99999000, department_leader: ["LiNa"] },
    { id: DEMO.sales2, name: "销售二部", name_en: "Sales 2", parentid: 1, order: 99998000, department_leader: ["ChenJing"] },
  ];
  const members: Member[] = [
    member(DEMO.manager, "张伟", DEMO.rootDepartment, "销售总监", "1", true),
    member("LiNa", "李娜", DEMO.sales1, "销售主管", "2", true),
    member("WangFang", "王芳", DEMO.sales1, "销售顾问", "2"),
    member("LiuYang", "刘洋", DEMO.sales1, "销售顾问", "1"),
    member("ChenJing", "陈静", DEMO.sales2, "销售主管", "2", true),
    member("YangLei", "杨磊", DEMO.sales2, "销售顾问", "1"),
    member("ZhaoMin", "赵敏", DEMO.sales2, "销售顾问", "2"),
  ];
  const customers: Customer[] = [
    { external_userid: DEMO.customers[0], name: "周小雨", avatar: avatar("c1"), type: 1, gender: 2, unionid: "oDemoUnion000000000000000001" },
    { external_userid: DEMO.customers[1], name: "吴建国", avatar: avatar("c2"), type: 1, gender: 1, unionid: "oDemoUnion000000000000000002" },
    { external_userid: DEMO.customers[2], name: "孙丽", avatar: avatar("c3"), type: 1, gender: 2 },
  ];
  const follow = (userid: string, external_userid: string): FollowRelation => ({
    userid,
    external_userid,
    remark: "",
    description: "",
    createtime: createdAtS,
    tagIds: [],
    add_way: 1,
    oper_userid: external_userid,
  });
  const follows = [follow("WangFang", DEMO.customers[0]), follow("LiuYang", DEMO.customers[1]), follow("YangLei", DEMO.customers[2])];
  const tag = (id: string, name: string, order: number): Tag => ({ id, name, create_time: createdAtS, order, deleted: false });
  const tagGroups: TagGroup[] = [
    {
      group_id: "etDemoGroupLevel0000000001",
      group_name: "客户等级",
      create_time: createdAtS,
      order: 2,
      deleted: false,
      tag: [tag("etDemoTagLevelA00000000001", "A类", 3), tag("etDemoTagLevelB00000000002", "B类", 2), tag("etDemoTagLevelC00000000003", "C类", 1)],
    },
    {
      group_id: "etDemoGroupSource000000001",
      group_name: "来源渠道",
      create_time: createdAtS,
      order: 1,
      deleted: false,
      tag: [tag("etDemoTagExpo0000000000001", "展会", 3), tag("etDemoTagStore000000000002", "门店", 2), tag("etDemoTagPoster00000000003", "海报", 1)],
    },
  ];
  return { departments, members, customers, follows, tagGroups };
}
