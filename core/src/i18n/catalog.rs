//! Every message the console shows, in English and Chinese side by side. `{0}`, `{1}` are filled by
//! `Lang::fmt`; a message missing either text does not compile, and `tests.rs` checks placeholders.

macro_rules! catalog {
    ($($name:ident => $en:literal, $zh:literal;)*) => {
        /// One message of the console, in whichever language is asked.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Msg { $($name),* }

        impl Msg {
            pub const ALL: &'static [Msg] = &[$(Msg::$name),*];

            pub fn en(self) -> &'static str {
                match self { $(Msg::$name => $en),* }
            }

            pub fn zh(self) -> &'static str {
                match self { $(Msg::$name => $zh),* }
            }
        }
    };
}

catalog! {
    // The shell
    AppName => "OCP tenant console", "OCP 租户控制台";
    NavMain => "Main", "主导航";
    NavAddReplica => "Add replica", "添加副本";
    NavSwitchover => "Switchover", "主备切换";
    NavTasks => "Tasks", "任务";
    SignOut => "Sign out", "退出登录";
    Language => "Language", "语言";
    IndRunning => "{0} running", "{0} 个运行中";
    IndFailed => "{0} failed", "{0} 个失败";
    IndTasks => " tasks", "的任务";
    PageNotFound => "Page not found", "页面不存在";
    Loading => "Loading…", "加载中…";
    Cancel => "Cancel", "取消";
    Remove => "Remove", "移除";
    Copy => "Copy", "复制";
    Download => "Download", "下载";
    RetryLoad => "Try again", "重试";
    NotReported => "not reported", "未上报";
    Unknown => "Unknown", "未知";
    TenantN => "tenant {0}", "租户 {0}";
    Status => "Status", "状态";
    Locality => "Locality", "Locality";
    PrimaryZone => "Primary zone", "Primary Zone";
    LocalityAfter => "Locality after this request:", "此次请求后的 Locality：";
    HeldBy => "Held by", "占用任务：";
    HeldAt => " at “{0}”", "，停在“{0}”";
    HeldHint => " — open it to retry or roll it back; this form unblocks when it ends.", " —— 打开任务进行重试或回滚；任务结束后此表单自动解除锁定。";

    // Durations
    DurMs => "{0} ms", "{0} 毫秒";
    DurSecs => "{0}.{1} s", "{0}.{1} 秒";
    DurMins => "{0}m {1}s", "{0}分{1}秒";
    DurHours => "{0}h {1}m", "{0}小时{1}分";

    // Statuses
    StPending => "Pending", "等待中";
    StReady => "Ready", "就绪";
    StRunning => "Running", "运行中";
    StCanceling => "Canceling", "取消中";
    StFailed => "Failed", "失败";
    StSuccessful => "Successful", "成功";
    StRolledBack => "Rolled back", "已回滚";
    StRetrying => "Retrying", "重试中";
    StRollingBack => "Rolling back", "回滚中";
    StFinishing => "Finishing", "即将结束";
    StOther => "Other", "其他";

    // Sign-in
    SignIn => "Sign in", "登录";
    SigningIn => "Signing in…", "登录中…";
    SignInTitle => "Sign in to OCP", "登录 OCP";
    SignInLead => "Sign in with your OCP account.", "使用 OCP 账号登录。";
    SignInAsked => "OCP asked for credentials. What you were doing stays as it was.", "OCP 要求登录。你正在做的操作会保持原样。";
    UserName => "User name", "用户名";
    Password => "Password", "密码";
    EnterUserName => "Enter your user name.", "请输入用户名。";
    EnterPassword => "Enter your password.", "请输入密码。";
    SignInWith => "Sign in with", "登录方式";
    SignInBasic => "HTTP Basic (sent with each request)", "HTTP Basic（随每个请求发送）";
    SignInCookie => "Session login (cookie)", "会话登录（Cookie）";
    RememberTab => "Remember for this tab", "在此标签页中记住";

    // The task page
    Task => "Task", "任务";
    TaskN => "Task {0}", "任务 {0}";
    NotTaskId => "That is not a task id.", "这不是有效的任务 ID。";
    Cluster => "Cluster", "集群";
    Tenant => "Tenant", "租户";
    Creator => "Creator", "创建人";
    Started => "Started", "开始时间";
    Finished => "Finished", "结束时间";
    Took => "Took", "耗时";
    Elapsed => "Elapsed", "已运行";
    Operation => "Operation", "操作类型";
    Executor => "Executor", "执行节点";
    Timeout => "Timeout", "超时时间";
    TaskState => "Task {0}: {1}", "任务 {0}：{1}";
    TaskStateAt => "Task {0}: {1}, at “{2}”", "任务 {0}：{1}，当前步骤“{2}”";
    SuccessfulSubtasks => "Successful subtasks", "成功的子任务";
    Reconnecting => "Reconnecting (attempt {0}, next in {1})", "正在重新连接（第 {0} 次，{1}后重试）";
    LastUpdate => " · last update {0} ago", " · 上次更新于 {0}前";
    UpdatesPaused => "Updates paused: sign in to continue.", "已暂停更新：请登录后继续。";
    TaskActions => "Task actions", "任务操作";
    SelectedSubtask => "Selected subtask", "选中的子任务";
    TaskSummary => "Task summary", "任务概要";
    StepsSuccessful => "{0} · {1} of {2} steps successful", "{0} · {2} 个步骤中 {1} 个成功";
    SelectStepHint => "Select a step in the chart to see its details, actions and log.", "在流程图中选择一个步骤，查看其详情、操作和日志。";

    // The log
    LogTab => "Log", "日志";
    LogRun => "Run {0} · {1}", "第 {0} 次 · {1}";
    LogLoading => "Loading log…", "正在加载日志…";
    LogEmpty => "The log is empty.", "日志为空。";
    SubtaskLog => "Subtask log", "子任务日志";
    Runs => "Runs", "执行记录";
    SearchLog => "Search log", "搜索日志";
    MatchingLines => "{0} matching lines", "{0} 行匹配";

    // Errors of the console's own
    ErrNetworkHint => "Nothing was changed by the console; check the connection and try again.", "控制台未做任何更改；请检查网络连接后重试。";
    ErrRateHint => "OCP is limiting requests; wait and try again.", "OCP 正在限制请求频率；请稍候重试。";
    ErrDecodeHint => "The answer was not OCP's JSON (a proxy error page?).", "返回内容不是 OCP 的 JSON（可能是代理的错误页面）。";
    ErrServerHint => "OCP failed to handle the request.", "OCP 处理请求失败。";
    ErrCannotReach => "Cannot reach OCP: {0}", "无法连接 OCP：{0}";
    NoAnswer => "no answer within {0} s", "{0} 秒内无响应";
    ErrCode => "{0} (code {1})", "{0}（错误码 {1}）";
    ErrNotSignedIn => "Not signed in", "未登录";
    ErrTooMany => "Too many requests", "请求过于频繁";
    ErrTryAgainIn => "{0} Try again in {1} s.", "{0} 请在 {1} 秒后重试。";
    ErrDecode => "OCP sent a response the console cannot read (HTTP {0}: {1}). It began: {2}", "OCP 返回了控制台无法解析的响应（HTTP {0}：{1}）。开头为：{2}";
    TraceIdLabel => "traceId", "traceId";

    // Actions on a task
    ActRetryTitle => "Retry the task?", "重试任务？";
    ActRollbackTitle => "Roll back the task?", "回滚任务？";
    ActSubRetryTitle => "Retry “{0}”?", "重试“{0}”？";
    ActSkipTitle => "Set “{0}” to successful?", "将“{0}”设置为成功？";
    ActCancelTitle => "Cancel “{0}”?", "取消“{0}”？";
    ActRetryExplain => "OCP runs the failed subtasks again; the task continues from there.", "OCP 重新执行失败的子任务，任务从该处继续。";
    ActRollbackExplain => "OCP undoes the subtasks that ran, in reverse order. The task ends as “Rolled back”.", "OCP 按相反顺序撤销已执行的子任务，任务以“已回滚”结束。";
    ActSubRetryExplain => "OCP runs this subtask again.", "OCP 重新执行此子任务。";
    ActSkipExplain => "OCP marks this subtask successful without running it, and the task continues. Only do this when you have done its work by hand.", "OCP 不执行此子任务而直接标记为成功，任务继续。仅在你已手动完成其工作时使用。";
    ActCancelExplain => "OCP stops this subtask; it ends as failed, and you can retry it later.", "OCP 停止此子任务，它以失败结束，之后可以重试。";
    ActRetry => "Retry task", "重试任务";
    ActRollback => "Roll back", "回滚";
    ActSubRetry => "Retry subtask", "重试子任务";
    ActSkip => "Set to successful", "设置为成功";
    ActCancel => "Cancel subtask", "取消子任务";
    ActRetryDone => "Retry requested.", "已请求重试。";
    ActRollbackDone => "Rollback requested.", "已请求回滚。";
    ActSubRetryDone => "Subtask retry requested.", "已请求重试子任务。";
    ActSkipDone => "Subtask set to successful.", "子任务已设置为成功。";
    ActCancelDone => "Cancel requested.", "已请求取消。";

    // Alerts and titles
    AlertFailedAt => "Task {0} failed at “{1}”", "任务 {0} 在“{1}”失败";
    AlertFailed => "Task {0} failed", "任务 {0} 失败";
    AlertSucceeded => "Task {0} succeeded", "任务 {0} 成功";
    AlertRolledBack => "Task {0} rolled back", "任务 {0} 已回滚";
    AlertFinished => "Task {0} finished", "任务 {0} 已结束";
    BadgeFailed => "{0} failed", "{0} 个失败";
    BadgeFinished => "{0} finished", "{0} 个结束";
    ListSeparator => ", ", "，";
    SentenceSeparator => ". ", "。";

    // Validation
    VAddZone => "Add at least one zone.", "请至少添加一个 Zone。";
    VChooseZone => "Choose a zone.", "请选择 Zone。";
    VZoneTwice => "Zone {0} is already in another row.", "Zone {0} 已在其他行中。";
    VZoneHasReplica => "The tenant already has a replica in {0}.", "租户在 {0} 已有副本。";
    VZoneNotInCluster => "Zone {0} is not in this cluster.", "Zone {0} 不在此集群中。";
    VChooseType => "Choose FULL, LOGONLY or READONLY.", "请选择 FULL、LOGONLY 或 READONLY。";
    VChooseSpec => "Choose a unit spec.", "请选择单元规格。";
    VNoSpec => "Unit spec {0} does not exist.", "单元规格 {0} 不存在。";
    VEnterCount => "Enter a unit count.", "请输入单元数量。";
    VCountWhole => "The unit count must be a whole number.", "单元数量必须是整数。";
    VCountRange => "The unit count must be from 1 to {0}.", "单元数量必须在 1 到 {0} 之间。";
    VTypeVersion => "OceanBase {0} does not accept {1} replicas.", "OceanBase {0} 不支持 {1} 副本。";
    VAddPair => "Add at least one pair.", "请至少添加一组主备租户。";
    VSelfPair => "A tenant cannot be paired with itself.", "租户不能与自身配对。";
    VTenantTwice => "Tenant {0} is already in another pair.", "租户 {0} 已在其他组中。";
    VChooseTenant => "Choose a tenant.", "请选择租户。";
    VTenantId => "A tenant id is a positive whole number.", "租户 ID 必须是正整数。";

    // Tenant rules
    TrBlocked => "{0} is {1}: OCP changes replicas only of a NORMAL tenant (error 60003). A task that has not finished holds it.", "{0} 的状态为 {1}：OCP 只能修改状态为 NORMAL 的租户的副本（错误 60003）。有未结束的任务占用该租户。";
    TrLeaders => "{0} will take no leaders until the primary zone ({1}) is changed to include {2}.", "在 Primary Zone（{1}）包含 {2} 之前，{0} 不会承载 Leader。";
    TrLeadersNone => "not set", "未设置";
    TrIt => "it", "它";
    TrThem => "them", "它们";

    // Replica types
    RtFull => "Full replica: stores data and logs, votes in Paxos, can become leader.", "全能型副本：存储数据和日志，参与 Paxos 投票，可成为 Leader。";
    RtLogonly => "Log-only replica: keeps logs and votes, stores no data (OceanBase 3.x).", "日志型副本：保存日志并参与投票，不存储数据（OceanBase 3.x）。";
    RtReadonly => "Read-only replica: serves weak-consistency reads, does not vote.", "只读型副本：提供弱一致性读，不参与投票。";
    RtOther => "Unknown replica type.", "未知的副本类型。";

    // Add replica
    AddReplicas => "Add replicas", "添加副本";
    Sending => "Sending…", "正在提交…";
    ChooseCluster => "Choose a cluster", "请选择集群";
    ChooseClusterDot => "Choose a cluster.", "请选择集群。";
    ChooseTenantPh => "Choose a tenant", "请选择租户";
    ChooseSpec => "Choose a unit spec", "请选择单元规格";
    ChooseZone => "Choose a zone", "请选择 Zone";
    SearchTenantsPh => "Search by name or id", "按名称或 ID 搜索";
    SearchTenants => "Search tenants", "搜索租户";
    HasReplicasIn => "{0} has replicas in:", "{0} 的副本位于：";
    AddAnotherZone => "Add another zone", "再添加一个 Zone";
    RequestPreview => "Request preview", "请求预览";
    CompleteRows => "Complete the rows above to see the request body.", "填写上面的各行后即可预览请求体。";
    ZoneN => "Zone {0}", "Zone {0}";
    Zone => "Zone", "Zone";
    ReplicaTypeLabel => "Replica type", "副本类型";
    UnitSpec => "Unit spec", "单元规格";
    UnitCount => "Unit count", "单元数量";
    SpecExample => "e.g. S1", "例如 S1";
    RemoveZoneRow => "Remove zone row {0}", "移除第 {0} 个 Zone 行";
    ZoneHasKind => "has a {0} replica", "已有 {0} 副本";
    ZoneHasReplica => "has a replica", "已有副本";

    // Switchover
    SwitchoverLede => "Each pair swaps roles: the primary tenant becomes standby and its standby becomes primary.", "每组主备租户互换角色：主租户变为备租户，其备租户变为主租户。";
    PrimaryCluster => "Cluster of the primary tenants", "主租户所在集群";
    AddPair => "Add pair", "添加一组";
    Checking => "Checking…", "正在检查…";
    RunPrecheck => "Run precheck", "执行预检查";
    SwitchOverDots => "Switch over…", "主备切换…";
    AllPassed => "Every pair passed its precheck.", "所有组均已通过预检查。";
    MustPass => "Every pair must pass its precheck before the switchover can be sent.", "所有组都通过预检查后才能提交主备切换。";
    SwitchOverOne => "Switch over {0} pair?", "切换 {0} 组主备租户？";
    SwitchOverN => "Switch over {0} pairs?", "切换 {0} 组主备租户？";
    SwitchingOver => "Switching over…", "正在切换…";
    SwitchOver => "Switch over", "主备切换";
    MovesTraffic => "This moves production traffic.", "此操作会切换生产流量。";
    Reconnect => "Applications writing to each old primary must reconnect to the new primary.", "写入原主租户的应用需要重新连接到新的主租户。";
    PrecheckNotRun => "The precheck could not run: {0}", "预检查无法执行：{0}";
    PrecheckPassed => "Precheck passed", "预检查通过";
    PrecheckFailed => "Precheck failed", "预检查未通过";
    NoReason => "OCP gave no reason.", "OCP 未给出原因。";
    PrimaryTenant => "Primary tenant", "主租户";
    StandbyTenant => "Standby tenant", "备租户";
    PrimaryTenantId => "Primary tenant id", "主租户 ID";
    StandbyTenantId => "Standby tenant id", "备租户 ID";
    PairN => "Pair {0}", "第 {0} 组";
    RemovePairN => "Remove pair {0}", "移除第 {0} 组";
    ChoosePrimaryFirst => "Choose the primary first", "请先选择主租户";
    ChooseStandby => "Choose a standby tenant", "请选择备租户";

    // Switchover choices
    PChooseClusterFirst => "Choose the cluster first", "请先选择集群";
    PNoPrimary => "No primary tenant with a standby in this cluster", "此集群中没有带备租户的主租户";
    PChoosePrimary => "Choose a primary tenant", "请选择主租户";
    PNotPrimaryHere => "not a primary of this cluster", "不是此集群的主租户";
    PNotStandbyOf => "not a standby of this primary", "不是此主租户的备租户";
    PDescribe => "{0} ({1}, primary) becomes standby; {2} ({3}) becomes primary", "{0}（{1}，主）变为备租户；{2}（{3}）变为主租户";

    // Task list
    SortById => "Sort by id", "按 ID 排序";
    SortByTime => "Sort by creation time", "按创建时间排序";
    MineTitle => "Started by you from this browser", "由你在此浏览器中发起";
    Mine => "mine", "我的";
    StartedByYou => "started by you", "由你发起";
    AllClusters => "All clusters", "全部集群";
    TenantId => "Tenant id", "租户 ID";
    Name => "Name", "名称";
    Id => "ID", "ID";
    NoTasksMatch => "No tasks match these filters.", "没有符合筛选条件的任务。";
    Pages => "Pages", "分页";
    Previous => "Previous", "上一页";
    Next => "Next", "下一页";
    PageOf => "Page {0} of {1}", "第 {0} 页，共 {1} 页";
    NTasks => " · {0} tasks", " · 共 {0} 个任务";
    ConsoleFiltered => " · OCP lists rolled-back tasks as successful: this page tells them apart, so a page may show fewer rows than OCP's count", " · OCP 将已回滚的任务列为成功：本页会区分两者，因此一页显示的行数可能少于 OCP 的计数";
    RecentTasks => "My recent tasks", "我最近的任务";
    NoRecent => "No task was started from this browser yet.", "此浏览器尚未发起过任务。";

    // Board
    All => "All", "全部";
    Batch => "Batch", "批量任务";
    NoTaskIds => "No task ids in the link.", "链接中没有任务 ID。";
    BatchSwitchover => "Batch switchover", "批量主备切换";
    BatchProgress => "{0} of {1} finished · {2} failed · {3} running", "{1} 个中 {0} 个已结束 · {2} 个失败 · {3} 个运行中";
    Show => "Show", "显示";
    RetryAllFailed => "Retry all failed ({0})", "重试全部失败任务（{0}）";
    ExportCsv => "Export change record (CSV)", "导出变更记录（CSV）";
    BatchTasks => "Batch tasks", "批量任务列表";
    PrimaryToStandby => "Primary → standby", "主租户 → 备租户";
    Precheck => "Precheck", "预检查";
    State => "State", "状态";
    Step => "Step", "步骤";
    Progress => "Progress", "进度";
    Roles => "Roles", "角色";
    Actions => "Actions", "操作";
    NoTaskInState => "No task in this state.", "没有处于此状态的任务。";
    RetryNFailed => "Retry {0} failed tasks?", "重试 {0} 个失败的任务？";
    RetryAll => "Retry all", "全部重试";
    RetryAllExplain => "OCP runs each task's failed subtasks again; each task continues from there. One request per task.", "OCP 重新执行每个任务中失败的子任务，各任务从该处继续。每个任务发送一个请求。";
    FailedAtStep => ", failed at “{0}”", "，失败于“{0}”";
    TaskPairLine => "Task {0}: {1} → {2}{3}", "任务 {0}：{1} → {2}{3}";
    Passed => "Passed", "通过";
    RetryingDots => "Retrying…", "正在重试…";
    To => "to", "到";
    HideLog => "Hide log", "隐藏日志";
    LastLogLines => "Last log lines", "最后几行日志";
    NoFailedLog => "No log for the failed step.", "失败步骤没有日志。";
    NotifyOn => "Notifications on", "通知已开启";
    NotifyBlocked => "Notifications blocked", "通知已被阻止";
    NotifyMe => "Notify me", "通知我";
    BvNotYet => "Not verified", "未验证";
    BvSwapped => "Swapped", "已互换";
    BvNotSwapped => "Not swapped", "未互换";

    // The chart
    SubtasksPerStatus => "Subtasks per status", "各状态的子任务数";
    DoneOfTotal => "{0} / {1} successful", "{0} / {1} 成功";
    ChartControls => "Chart controls", "流程图控制";
    ZoomIn => "Zoom in", "放大";
    ZoomOut => "Zoom out", "缩小";
    Fit => "Fit", "适应窗口";
    GoToCurrent => "Go to current step", "定位到当前步骤";
    Direction => "Direction", "切换方向";
    ExportSvg => "Export SVG", "导出 SVG";
    SubtaskFlowChart => "Subtask flow chart", "子任务流程图";
    PartOfChart => "Part of the chart: drag to see more", "仅显示部分流程图：拖动可查看更多";
    NodeRun => "run {0}", "第 {0} 次";
    NodeRollback => "rollback", "回滚";
}
