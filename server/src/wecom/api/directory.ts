import type { WecomCaller } from "./caller";

export interface WecomUser {
  userid: string;
  name: string;
  department: number[];
  main_department: number;
  position: string;
  gender: string;
  /** 1 active, 2 disabled, 4 not yet activated, 5 left. */
  status: number;
  is_leader_in_dept: number[];
  avatar?: string;
}

export interface WecomDepartment {
  id: number;
  name: string;
  name_en?: string;
  parentid: number;
  order: number;
  department_leader?: string[];
}

/** The address book, read with the directory secret. */
export class DirectoryApi {
  constructor(private readonly caller: WecomCaller) {}

  /** One row per member and department; page with `next_cursor` until it is empty. */
  listUserIds(query: { cursor?: string; limit?: number } = {}): Promise<{ dept_user: { userid: string; department: number }[]; next_cursor?: string }> {
    return this.caller.post("directory", "/cgi-bin/user/list_id", query);
  }

  getUser(userid: string): Promise<WecomUser> {
    return this.caller.get("directory", "/cgi-bin/user/get", { userid });
  }

  /** The department and everything under it; the whole tree without an id. */
  async listDepartments(id?: number): Promise<WecomDepartment[]> {
    const { department } = await this.caller.get<{ department: WecomDepartment[] }>("directory", "/cgi-bin/department/list", id === undefined ? {} : { id: String(id) });
    return department;
  }
}
