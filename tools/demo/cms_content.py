"""Bilingual demo content for the public site: home, guidance and standard pages.

Plain data in Simplified Chinese (``zh-hans``) and English (``en``) that ``seed_demo`` turns into
Wagtail pages. Bodies are raw StreamField values (heading, paragraph, question_answer,
document_link); ``"CHECKLIST"`` is replaced by the id of the seeded registration checklist PDF.
The two languages correspond block for block. Addresses and phone numbers are fictional.
"""

HOME = {
    "zh-hans": {
        "title": "太仓市社会组织孵化服务平台",
        "intro": (
            "太仓市民政局面向社会组织的一站式公共服务平台：登记指引、孵化入驻、"
            "岗位补贴和政府购买服务信息，都可以在这里找到。"
        ),
        "body": [
            {
                "type": "heading",
                "value": {"text": "欢迎访问", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>本平台由太仓市民政局主办，服务于正在筹备或已经登记的社会组织，"
                    "也欢迎关心社区公共服务的市民浏览。在这里，您可以：</p><ul>"
                    "<li><b>查看招标公告</b>：了解政府购买服务项目的预算上限、服务期限、"
                    "资格条件和评审标准，并在截止时间前在线投标；</li>"
                    "<li><b>阅读办事指南</b>：社会组织登记、入驻孵化基地和项目申报的流程、"
                    "材料与常见问题；</li><li><b>申请入驻孵化基地</b>：获得免费办公场地、"
                    "能力建设辅导以及与政府部门和社区对接的机会；</li>"
                    "<li><b>申报岗位补贴</b>：孵化期内的机构可按年度方案申请专职工作人员工资补贴；"
                    "</li><li><b>核验函件真伪</b>：输入函件编号和核验码，"
                    "即可确认我局出具的中标通知书、补贴批复等函件是否真实有效。</li></ul>"
                ),
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>已入驻的机构请登录机构门户，办理投标、补贴申报、里程碑材料提交和函件下载。"
                    "如有疑问，欢迎通过“联系我们”页面与我们联系。</p>"
                ),
            },
        ],
    },
    "en": {
        "title": "Taicang Social Organisation Incubator",
        "intro": (
            "The Taicang Civil Affairs Bureau's one-stop site for social organisations: "
            "registration guidance, the incubator, staff-cost subsidies and government service "
            "contracts."
        ),
        "body": [
            {
                "type": "heading",
                "value": {"text": "Welcome", "level": "h2"},
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>This site is run by the Taicang Civil Affairs Bureau for social "
                    "organisations that are getting started or already registered, and for anyone "
                    "who cares about community services in Taicang. Here you can:</p><ul>"
                    "<li><b>Browse open tenders</b>: see the budget ceiling, contract period, "
                    "eligibility rules and evaluation criteria of services the government is "
                    "buying, and bid online before the deadline;</li>"
                    "<li><b>Read our guidance</b> on registering an organisation, joining the "
                    "incubator and applying for contracts and subsidies;</li>"
                    "<li><b>Apply to join the incubator</b> for free office space, "
                    "capacity-building support and introductions to government departments and "
                    "communities;</li><li><b>Apply for a staff-cost subsidy</b> if your "
                    "organisation is being incubated;</li>"
                    "<li><b>Verify a letter</b>: enter its reference number and verification code "
                    "to check that an award letter or subsidy decision from the bureau is genuine "
                    "and still valid.</li></ul>"
                ),
            },
            {
                "type": "paragraph",
                "value": (
                    "<p>Incubated organisations can sign in to the organisation portal to bid for "
                    "tenders, apply for subsidies, submit milestone evidence and download their "
                    "letters. Questions? The Contact page tells you how to reach us.</p>"
                ),
            },
        ],
    },
}

GUIDANCE_INDEX = {
    "slug": "guidance",
    "zh-hans": {
        "title": "办事指南",
        "intro": (
            "社会组织登记、入驻孵化基地、参与政府购买服务和申报岗位补贴的办理流程、"
            "所需材料和常见问题。"
        ),
    },
    "en": {
        "title": "Guidance",
        "intro": (
            "Step-by-step guidance on registering a social organisation, joining the incubator, "
            "bidding for government service contracts and applying for staff-cost subsidies."
        ),
    },
}

GUIDANCE_PAGES = [
    {
        "slug": "register-a-social-organisation",
        "zh-hans": {
            "title": "如何登记成立社会组织",
            "summary": (
                "介绍社会团体、社会服务机构（民办非企业单位）和基金会的登记条件、"
                "办理步骤和所需材料，以及登记完成后需要办理的事项。"
            ),
            "body": [
                {
                    "type": "heading",
                    "value": {"text": "选择合适的组织形式", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>在太仓开展公益服务的社会组织，一般依法登记为以下三种形式之一：</p><ul>"
                        "<li><b>社会团体</b>：依照《社会团体登记管理条例》登记，由会员自愿组成，"
                        "如志愿者协会、行业协会。"
                        "须有50个以上个人会员或30个以上单位会员（混合组成的，会员总数不少于50个），"
                        "地方性社会团体须有3万元以上活动资金。</li>"
                        "<li><b>社会服务机构（民办非企业单位）</b>："
                        "依照《民办非企业单位登记管理暂行条例》登记，利用非国有资产举办、"
                        "从事非营利性社会服务，如社会工作服务机构、居家养老服务中心、"
                        "残疾人康复机构。须有与业务活动相适应的从业人员、合法财产和必要场所。</li>"
                        "<li><b>基金会</b>：依照《基金会管理条例》登记，利用捐赠财产从事公益事业，"
                        "原始基金须为到账货币资金，非公募基金会不低于200万元。"
                        "基金会的登记管辖按省级民政部门的规定执行，拟设立基金会的请先到我局咨询。"
                        "</li></ul><p>暂不具备登记条件的社区社会组织，可以先向所在镇（区）备案，"
                        "在社区范围内开展活动。</p>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "办理步骤", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<ol><li><b>咨询与名称核准</b>：到太仓市政务服务中心民政窗口咨询，"
                        "提交拟用名称申请核准。名称应准确反映组织的性质和业务范围，"
                        "地方性社会组织一般冠以“太仓市”。</li>"
                        "<li><b>取得业务主管单位同意（如需要）</b>：行业协会商会类、科技类、"
                        "公益慈善类、城乡社区服务类社会组织可以直接向民政部门申请登记；"
                        "其他类别须先取得业务主管单位的审查同意文件。</li>"
                        "<li><b>筹备（仅社会团体）</b>：社会团体须先申请筹备，"
                        "经批准后6个月内召开会员大会或会员代表大会，通过章程，"
                        "选举产生理事会和负责人。</li><li><b>提交成立登记申请</b>："
                        "按材料清单提交全部材料，材料齐全、符合法定形式的当场受理。</li>"
                        "<li><b>审查与决定</b>：我局审查材料，必要时实地核查住所。"
                        "法定审查时限为社会团体30日、社会服务机构60日，实际办理一般更快。</li>"
                        "<li><b>领取登记证书</b>：准予登记的，发给法人登记证书，"
                        "证书上载明统一社会信用代码。</li></ol>"
                    ),
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>以社会服务机构为例，"
                        "成立登记通常需要以下材料（社会团体另需提交筹备批准文件、"
                        "会员大会会议纪要和会员名单）：</p><ul>"
                        "<li>法定代表人签署的登记申请书；</li><li>名称核准通知书；</li>"
                        "<li>业务主管单位的批准文件（直接登记的除外）；</li>"
                        "<li>章程草案（可参照民政部门发布的示范文本）；</li>"
                        "<li>住所使用证明：产权证明或一年以上的租赁协议，"
                        "入驻孵化基地的机构可使用基地出具的场地使用证明；</li>"
                        "<li>开办资金的验资报告或银行出具的资金证明；</li>"
                        "<li>拟任法定代表人、理事和监事的身份证明、简历及无犯罪记录承诺书；</li>"
                        "<li>举办者身份证明和从业人员名单。</li></ul>"
                    ),
                },
                {
                    "type": "document_link",
                    "value": {
                        "document": "CHECKLIST",
                        "title": "社会组织登记材料清单（PDF）",
                        "description": (
                            "列明社会团体、社会服务机构成立登记所需的全部材料、份数和注意事项，"
                            "递交前请逐项核对。"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "我们的机构需要找业务主管单位吗？",
                        "answer": (
                            "<p>从事行业协会商会、科技、公益慈善或城乡社区服务的社会组织，"
                            "可以直接向民政部门申请登记，不需要业务主管单位。"
                            "其他领域的组织须先取得相关主管部门的同意。</p>"
                            "<p>请注意，直接登记不等于免除行业要求。例如，"
                            "开展养老服务的机构在登记后，还应向民政部门办理养老机构备案。</p>"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "统一社会信用代码是什么？",
                        "answer": (
                            "<p>统一社会信用代码是组织唯一的身份编码，共18位，印在登记证书上。"
                            "在太仓登记的社会组织，代码第1位为“5”（表示由民政部门登记），"
                            "第2位表示组织类型（1为社会团体，2为社会服务机构，3为基金会），"
                            "第3至8位为太仓市的行政区划代码“320585”，"
                            "随后是9位主体标识码和1位校验码。</p>"
                            "<p>开立银行账户、办理涉税事项以及在本平台投标、"
                            "申报补贴时都要填写这个代码，请仔细核对。</p>"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "登记完成后还需要做什么？",
                        "answer": (
                            "<ul><li>凭登记证书刻制印章并报登记管理机关备案，开立银行账户，"
                            "到税务部门办理涉税事项；</li><li>"
                            "每年5月31日前向我局报送上一年度工作报告，接受年度检查；</li>"
                            "<li>名称、住所、法定代表人、业务范围等登记事项发生变化的，"
                            "及时申请变更登记；</li><li>按规定公开年度工作报告和接受捐赠等信息。"
                            "</li></ul>"
                        ),
                    },
                },
            ],
        },
        "en": {
            "title": "How to register a social organisation",
            "summary": (
                "What it takes to register a social group, a social service organisation or a "
                "foundation in Taicang: the conditions, the steps, the documents you need and what "
                "follows registration."
            ),
            "body": [
                {
                    "type": "heading",
                    "value": {"text": "Choose the right legal form", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>Non-profit organisations serving the public in Taicang usually "
                        "register in one of three forms:</p><ul>"
                        "<li><b>Social group</b> (社会团体), under the Regulations on the "
                        "Registration and Administration of Social Groups: a membership body such "
                        "as a volunteer association or a trade association. You need at least 50 "
                        "individual members or 30 institutional members (at least 50 in total if "
                        "mixed), and a local social group needs at least ¥30,000 in operating "
                        "funds.</li><li><b>Social service organisation</b> (社会服务机构, formerly "
                        "called a private non-enterprise unit): a non-profit service provider set "
                        "up with non-state assets, such as a social work agency, a home-care "
                        "centre for older people or a rehabilitation service for people with "
                        "disabilities. You need staff, lawful assets and premises that suit the "
                        "services you plan to run.</li><li><b>Foundation</b> (基金会), under the "
                        "Regulations on the Administration of Foundations: a body that uses "
                        "donated assets for public-interest work. Its founding endowment must be "
                        "paid in cash, at least ¥2 million for a foundation that does not raise "
                        "funds from the public. Which level of government registers a foundation "
                        "is set by the provincial civil affairs department, so please talk to us "
                        "before you start.</li></ul><p>A small community group that cannot yet "
                        "meet these conditions can first be recorded with its town or district and "
                        "work within its community.</p>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "Step by step", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<ol><li><b>Ask us and clear your name.</b> Visit the civil affairs "
                        "counter at the Taicang Government Services Centre and submit the name you "
                        "want to use for approval. The name must reflect what the organisation is "
                        "and does; local organisations normally start with 太仓市 (Taicang).</li>"
                        "<li><b>Get your supervising body's consent, if you need one.</b> Trade "
                        "associations and chambers of commerce, science and technology "
                        "organisations, charities and urban and rural community services may "
                        "register with civil affairs directly. Other organisations first need "
                        "written consent from the government department responsible for their "
                        "field.</li><li><b>Preparation (social groups only).</b> A social group "
                        "first applies to start preparations. Within six months of approval it "
                        "holds its general assembly, adopts its constitution and elects its "
                        "council and officers.</li><li><b>Apply for registration.</b> Hand in "
                        "every document on the checklist. If the file is complete and in the "
                        "required form, we accept it on the spot.</li>"
                        "<li><b>Review and decision.</b> We examine the documents and may visit "
                        "the premises. The legal time limit is 30 days for a social group and 60 "
                        "days for a social service organisation; in practice it is usually "
                        "quicker.</li><li><b>Collect your certificate.</b> Once approved, you "
                        "receive a legal-person registration certificate that carries your unified "
                        "social credit code.</li></ol>"
                    ),
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>For a social service organisation you will normally need the documents "
                        "below (a social group also hands in the approval of its preparations, the "
                        "minutes of its general assembly and its list of members):</p><ul>"
                        "<li>a registration application signed by the proposed legal "
                        "representative;</li><li>the notice approving your name;</li>"
                        "<li>your supervising body's consent, unless you register directly;</li>"
                        "<li>a draft constitution (the model constitution published by civil "
                        "affairs is a good start);</li><li>proof that you may use your premises: a "
                        "title deed or a lease of at least one year. Organisations in the "
                        "incubator can use the certificate of use the incubator issues;</li>"
                        "<li>a capital verification report or a bank statement for your start-up "
                        "funds;</li><li>ID, CV and a signed no-criminal-record declaration for the "
                        "legal representative, council members and supervisors;</li>"
                        "<li>ID of the founders and a list of staff.</li></ul>"
                    ),
                },
                {
                    "type": "document_link",
                    "value": {
                        "document": "CHECKLIST",
                        "title": "Registration materials checklist (PDF)",
                        "description": (
                            "Every document you need to register a social group or a social "
                            "service organisation, how many copies, and what to watch out for. "
                            "Please tick it off before you come in."
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "Do we need a supervising body?",
                        "answer": (
                            "<p>Not if you work in one of the four directly registered fields: "
                            "trade associations and chambers of commerce, science and technology, "
                            "charity, or urban and rural community services. Organisations in "
                            "other fields need the consent of the department responsible first.</p>"
                            "<p>Direct registration does not lift sector rules, though. An "
                            "organisation that runs elderly care, for example, must also file as "
                            "an elderly care institution with civil affairs once it is "
                            "registered.</p>"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "What is a unified social credit code?",
                        "answer": (
                            "<p>It is your organisation's unique 18-character identifier, printed "
                            "on the registration certificate. For an organisation registered in "
                            "Taicang the first character is 5 (registered by civil affairs), the "
                            "second gives the form (1 social group, 2 social service organisation, "
                            "3 foundation), characters three to eight are Taicang's division code "
                            "320585, followed by a nine-character organisation code and a check "
                            "character.</p><p>You will need it to open a bank account, deal with "
                            "the tax office and bid or apply for subsidies on this site, so please "
                            "copy it carefully.</p>"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "What do we have to do after registering?",
                        "answer": (
                            "<ul><li>Have your seals made and filed with us, open a bank account "
                            "and complete your tax formalities;</li>"
                            "<li>send us your annual work report for the previous year by 31 May "
                            "for the annual inspection;</li><li>apply to update your registration "
                            "whenever your name, address, legal representative or scope of "
                            "activities changes;</li><li>publish your annual report and "
                            "information on donations received, as the rules require.</li></ul>"
                        ),
                    },
                },
            ],
        },
    },
    {
        "slug": "how-the-incubator-works",
        "zh-hans": {
            "title": "孵化基地如何运作",
            "summary": (
                "太仓市社会组织孵化基地和瑞安社会工作服务中心为初创社会组织提供免费办公场地、"
                "岗位补贴和能力建设辅导，孵化期一般为12至24个月。本文介绍入驻条件、流程和出壳要求。"
            ),
            "body": [
                {
                    "type": "heading",
                    "value": {"text": "入驻可以获得什么", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<ul><li><b>免费办公场地</b>：根据团队规模安排独立办公室、"
                        "固定工位或共享办公区，会议室和活动室可免费预约；</li>"
                        "<li><b>岗位补贴</b>：按年度方案对专职工作人员的工资给予部分补贴；</li>"
                        "<li><b>能力建设</b>：围绕治理结构、财务管理、人力资源、服务提供、"
                        "合作与合同、监测评估六个方面，提供培训、一对一督导和同伴交流；</li>"
                        "<li><b>资源对接</b>：对接民政、卫健、残联、团委等部门以及各镇（区）"
                        "和社区，及时推送政府购买服务项目信息；</li>"
                        "<li><b>登记辅导</b>：尚未登记的团队可获得登记材料辅导，"
                        "并由基地出具场地使用证明。</li></ul>"
                        "<p>入驻不收取任何费用。入驻机构须遵守基地管理规定，按计划参加培训，"
                        "并如实报送工作进展。</p>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "入驻流程", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<ol><li><b>在线申请</b>：在本平台填写“申请入驻”表单，"
                        "介绍机构（或筹备团队）的服务领域、核心成员和计划开展的服务。提交后，"
                        "系统会为联系人创建账户，用于查看审核进度。</li>"
                        "<li><b>审核</b>：孵化基地负责人审核申请，必要时约谈或实地了解，"
                        "作出同意入驻或不予入驻的决定；不予入驻的，会说明理由。</li>"
                        "<li><b>确定孵化计划</b>：同意入驻的，确定孵化起止时间（一般为12至24个月）"
                        "，按基地的能力建设框架制定里程碑计划，并安排办公场地。</li>"
                        "<li><b>孵化期</b>：机构按计划完成各项里程碑，在机构门户上传证明材料，"
                        "同时可以申报岗位补贴、参与投标。</li>"
                        "<li><b>出壳或退出</b>：所有必选里程碑经核实后即可出壳；"
                        "未能按期达到要求或违反孵化协议的，基地可以终止孵化。</li></ol>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "能力建设里程碑", "level": "h3"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>每个里程碑都有明确的完成标准和截止日期，例如：</p><ul>"
                        "<li><b>治理结构</b>：章程获得通过，理事会按期召开并留有会议记录；</li>"
                        "<li><b>财务管理</b>：建立财务管理制度，按月记账，完成年度财务审计；</li>"
                        "<li><b>人力资源</b>：与全职员工签订劳动合同并缴纳社会保险，"
                        "至少有一名持证社会工作者；</li><li><b>服务提供</b>："
                        "形成规范的服务流程和完整的服务记录；</li>"
                        "<li><b>合作与合同</b>：至少完成一次政府购买服务或公益项目申报；</li>"
                        "<li><b>监测评估</b>：开展服务对象满意度调查，形成年度评估报告。</li></ul>"
                        "<p>机构提交材料后，基地负责人会予以核实，或注明理由退回修改。</p>"
                    ),
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "哪些组织可以申请入驻？",
                        "answer": (
                            "<p>已在太仓登记、成立时间一般不超过3年的社会组织，"
                            "以及计划在太仓登记的筹备团队，都可以申请。养老服务、儿童青少年、助残、"
                            "社区治理、社会救助等领域，且有明确服务项目和稳定核心团队的组织优先。"
                            "</p>"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "暂时没有空余工位怎么办？",
                        "answer": (
                            "<p>同意入驻但暂时没有合适场地的机构会进入候补名单，期间照常参加培训、"
                            "督导，接收项目信息推送。场地空出后，基地会按候补顺序通知您。</p>"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "孵化期满后还能留在基地吗？",
                        "answer": (
                            "<p>出壳后，办公场地和孵化期内的岗位补贴随之结束，"
                            "但机构仍可参与政府购买服务投标，并继续参加基地组织的交流活动。"
                            "确有需要的，可以在孵化期届满前申请延期，"
                            "由基地负责人根据里程碑完成情况决定，孵化期总长一般不超过24个月。</p>"
                        ),
                    },
                },
            ],
        },
        "en": {
            "title": "How the incubator works",
            "summary": (
                "The Taicang Social Organisation Incubation Base and the Ruian Social Work Centre "
                "give new organisations free office space, staff-cost subsidies and coaching for "
                "12 to 24 months. How to join and how to graduate."
            ),
            "body": [
                {
                    "type": "heading",
                    "value": {"text": "What you get", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<ul><li><b>Free office space</b>: a private office, dedicated desks or a "
                        "place in the shared area, depending on the size of your team, plus "
                        "meeting and activity rooms you can book at no cost;</li>"
                        "<li><b>Staff-cost subsidies</b>: part of the salaries of your full-time "
                        "staff, under the year's subsidy scheme;</li>"
                        "<li><b>Capacity building</b>: training, one-to-one coaching and peer "
                        "learning in six areas: governance, financial management, human resources, "
                        "service delivery, partnerships and contracts, and monitoring and "
                        "evaluation;</li><li><b>Connections</b>: introductions to civil affairs, "
                        "health, the disabled persons' federation, the Youth League and other "
                        "departments, to towns and communities, and early notice of government "
                        "service contracts;</li><li><b>Help with registering</b>: teams that are "
                        "not yet registered get help with their paperwork and a certificate of use "
                        "for their premises from the incubator.</li></ul>"
                        "<p>Joining is free. In return we ask you to follow the house rules, take "
                        "part in the training plan and report honestly on your progress.</p>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "How to join", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<ol><li><b>Apply online.</b> Fill in the “apply to join” form on this "
                        "site: tell us about your organisation or founding team, the people behind "
                        "it and the services you plan to run. Submitting the form creates an "
                        "account for your contact person so you can follow your application.</li>"
                        "<li><b>Review.</b> The hub manager reviews your application, may invite "
                        "you for a talk or visit your work, and then admits or declines it. If we "
                        "decline, we tell you why.</li><li><b>Your incubation plan.</b> Once "
                        "admitted, you agree start and end dates (usually 12 to 24 months), "
                        "receive a milestone plan based on the hub's capacity framework and are "
                        "allocated office space.</li><li><b>Incubation.</b> You work through your "
                        "milestones and upload evidence in the organisation portal. Meanwhile you "
                        "can apply for staff-cost subsidies and bid for tenders.</li>"
                        "<li><b>Graduation or exit.</b> You graduate once every required milestone "
                        "is verified. If an organisation falls well behind or breaks its "
                        "agreement, the hub may end its incubation.</li></ol>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "Capacity milestones", "level": "h3"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>Each milestone has a clear standard and a due date. For example:</p>"
                        "<ul><li><b>Governance</b>: constitution adopted, board meetings held on "
                        "schedule and minuted;</li><li><b>Financial management</b>: financial "
                        "procedures in place, monthly bookkeeping, an annual audit completed;</li>"
                        "<li><b>Human resources</b>: employment contracts and social insurance for "
                        "full-time staff, and at least one certified social worker on the "
                        "team;</li><li><b>Service delivery</b>: documented service procedures and "
                        "complete service records;</li><li><b>Partnerships and contracts</b>: at "
                        "least one bid for a government contract or a charitable project;</li>"
                        "<li><b>Monitoring and evaluation</b>: a client satisfaction survey and an "
                        "annual evaluation report.</li></ul>"
                        "<p>When you submit evidence, the hub manager either verifies it or "
                        "returns it with a note on what is missing.</p>"
                    ),
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "Who can apply?",
                        "answer": (
                            "<p>Social organisations registered in Taicang, usually within the "
                            "last three years, and teams preparing to register here. We give "
                            "priority to organisations working in elderly care, children and young "
                            "people, disability, community development or social assistance that "
                            "have a clear service plan and a stable core team.</p>"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "What if there is no free desk?",
                        "answer": (
                            "<p>If you are admitted but there is no suitable space yet, you join "
                            "the waiting list and still take part in training and coaching and "
                            "receive news of tenders. When space frees up, the hub contacts "
                            "organisations in waiting-list order.</p>"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "Can we stay on after incubation ends?",
                        "answer": (
                            "<p>Office space and incubation-period subsidies end when you "
                            "graduate, but you can keep bidding for government contracts and "
                            "joining the hub's network events. If you really need more time, ask "
                            "for an extension before your end date; the hub manager decides based "
                            "on your milestones, and incubation normally lasts no more than 24 "
                            "months in total.</p>"
                        ),
                    },
                },
            ],
        },
    },
    {
        "slug": "apply-for-tenders-and-subsidies",
        "zh-hans": {
            "title": "参与政府购买服务和申报岗位补贴",
            "summary": (
                "政府购买服务项目在本平台公开招标，符合条件的社会组织可在截止时间前在线投标；"
                "孵化期内的机构还可按2026年度方案申报工作人员岗位补贴。本文说明条件、"
                "流程和评审规则。"
            ),
            "body": [
                {
                    "type": "heading",
                    "value": {"text": "政府购买服务招标", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>民政局和各镇（区）把适合由社会力量承担的公共服务，"
                        "通过公开招标交给社会组织承接，例如运营镇级老年人日间照料中心、"
                        "为80周岁以上老人提供上门居家服务、开展社区志愿服务项目等，"
                        "单个项目预算一般在8万元至60万元之间。</p>"
                        "<p>每个招标公告都会列明项目编号、采购单位、服务内容、预算上限、服务期限、"
                        "开始与截止时间、资格条件、评审标准及权重，并附招标文件和澄清答疑。"
                        "投标的一般资格条件是：</p><ul><li>依法登记、具有法人资格的社会组织；</li>"
                        "<li>上一年度年度检查合格（当年新成立的除外）；</li>"
                        "<li>未被列入社会组织严重违法失信名单；</li>"
                        "<li>具备项目要求的专业人员，例如持证社会工作者或养老护理员。</li></ul>"
                        "<p>投标步骤：</p><ol><li>登录机构门户，仔细阅读招标文件；有疑问的，"
                        "在项目页面提交澄清问题，答复将向所有潜在投标人公开；</li>"
                        "<li>在线填写服务方案和报价，报价不得超过预算上限，上传附件并确认各项声明；"
                        "</li><li>在截止时间前提交。截止时间以平台服务器时间为准，"
                        "临近截止时系统较为繁忙，请尽早提交；</li>"
                        "<li>截止前可以撤回后重新提交；截止后，投标内容一律不得修改。</li></ol>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "评审与中标公告", "level": "h3"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>截止时间之前，除投标机构本身外，任何人（包括我局工作人员）"
                        "都无法查看投标内容。截止后，由我局指定的评审人员进行评审。"
                        "每位评审人员在查看投标文件前须申报利益冲突，存在利益冲突的应当回避。</p>"
                        "<p>评审标准的权重合计为100分，其中价格分不少于10分。价格分按公式计算：<b>"
                        "价格分 =（满足要求的最低报价 ÷ 本投标报价）× 价格权重</b>；"
                        "其余各项由评审人员分别打分，按加权总分排序。</p>"
                        "<p>评审结果确定后，中标公告在项目页面公示。投标人对结果有异议的，"
                        "可以在公告载明的质疑期内提出书面质疑。质疑期满后，"
                        "我局向中标机构发出中标通知书并签订服务合同，"
                        "同时向未中标机构发出结果通知书。</p>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "2026年度岗位补贴", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>为帮助入驻机构留住专业人才，2026年度岗位补贴方案资金总额为<b>40万元</b>"
                        "，按审批顺序在总额内安排，额满即止。</p><ul>"
                        "<li><b>补贴对象</b>：孵化期内的入驻机构中，"
                        "与机构签订劳动合同并由机构缴纳社会保险的专职工作人员，"
                        "每家机构最多申报5人；</li><li><b>补贴标准</b>：按月工资的50%给予补贴，"
                        "每人每月最高3000元；持有助理社会工作师证书的每月最高3500元，"
                        "社会工作师最高4000元，高级社会工作师最高4500元；</li>"
                        "<li><b>补贴期限</b>：每人最长12个月，且不超出机构的孵化期；</li>"
                        "<li><b>申报流程</b>：在机构门户中逐人填写姓名、岗位、职业资格、"
                        "月工资和补贴月数，系统自动计算可补贴金额；提交后由孵化基地负责人审核推荐，"
                        "再由我局审批；</li><li><b>拨付</b>：批准后，我局出具补贴批复函（附核验码，"
                        "可在本平台核验真伪），补贴分批拨付到机构银行账户。</li></ul>"
                        "<p>具体申报时间以方案公告为准。</p>"
                    ),
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "正在孵化的机构可以参加投标吗？",
                        "answer": (
                            "<p>可以。只要已依法登记并满足项目的资格条件，"
                            "入驻机构与其他社会组织平等参与投标，适用完全相同的评审标准。"
                            "尚未取得登记证书的筹备团队不能投标。</p>"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "对中标结果有异议怎么办？",
                        "answer": (
                            "<p>请在中标公告载明的质疑期内，向采购单位提交书面质疑，"
                            "说明理由并附上证明材料。质疑期按工作日计算：周末和法定节假日不计入，"
                            "国务院公布的调休上班日计入。我局将在规定期限内作出书面答复。</p>"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "岗位补贴能否与项目经费重复领取？",
                        "answer": (
                            "<p>不能。同一名员工同一月份的工资，"
                            "如已从政府购买服务合同或其他财政资金中列支，就不能再申报岗位补贴。"
                            "申报时请如实填写，我局将与项目合同和拨付记录进行核对，"
                            "重复领取的资金将予以追回。</p>"
                        ),
                    },
                },
            ],
        },
        "en": {
            "title": "Applying for tenders and subsidies",
            "summary": (
                "Government service contracts are tendered openly on this site and eligible "
                "organisations bid online before the deadline. Incubated organisations can also "
                "apply for the 2026 staff-cost subsidy. Rules and steps."
            ),
            "body": [
                {
                    "type": "heading",
                    "value": {"text": "Government service contracts", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>The bureau and the towns contract out public services that social "
                        "organisations are well placed to deliver: running a town's day-care "
                        "centre for older people, home-care visits for residents over 80, "
                        "community volunteer programmes and more. Budgets typically range from "
                        "¥80,000 to ¥600,000 per contract.</p>"
                        "<p>Every tender notice states the reference, the commissioning body, the "
                        "services required, the budget ceiling, the contract period, the opening "
                        "time and deadline, eligibility rules and weighted evaluation criteria, "
                        "with the tender documents and public clarifications attached. As a rule, "
                        "to bid you must:</p><ul><li>be a registered social organisation with "
                        "legal-person status;</li><li>have passed last year's annual inspection "
                        "(unless you registered this year);</li>"
                        "<li>not be on the list of social organisations with serious violations or "
                        "breaches of trust;</li><li>have the professional staff the contract calls "
                        "for, such as certified social workers or qualified elderly carers.</li>"
                        "</ul><p>To bid:</p><ol><li>Sign in to the organisation portal and read "
                        "the tender documents carefully. If something is unclear, ask on the "
                        "tender page; answers are published for every bidder to see;</li>"
                        "<li>Enter your proposal and price online (your price may not exceed the "
                        "budget ceiling), upload attachments and confirm the declarations;</li>"
                        "<li>Submit before the deadline. The platform's server clock decides, and "
                        "the system gets busy in the last hours, so don't leave it late;</li>"
                        "<li>Until the deadline you may withdraw and resubmit; after it, nothing "
                        "in a bid can be changed.</li></ol>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "Evaluation and award notices", "level": "h3"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>Until the deadline, nobody but the bidding organisation can read a "
                        "bid, bureau staff included. After the deadline, evaluators appointed by "
                        "the bureau assess the bids. Each evaluator declares any conflict of "
                        "interest before seeing a bid, and anyone with a conflict steps aside.</p>"
                        "<p>Criteria weights add up to 100 and price carries at least 10. The "
                        "price score is calculated by formula: <b>price score = (lowest compliant "
                        "price ÷ your price) × price weight</b>. Evaluators score the other "
                        "criteria, and bids are ranked by weighted total.</p>"
                        "<p>The award notice is then published on the tender page. A bidder who "
                        "disagrees with the result may lodge a written challenge within the period "
                        "stated in the notice. Once the challenge period has passed, the bureau "
                        "sends the award letter, signs the contract with the winner and notifies "
                        "the other bidders of the outcome.</p>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "The 2026 staff-cost subsidy", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>To help incubated organisations keep skilled staff, the 2026 scheme "
                        "has a total budget of <b>¥400,000</b>. Approvals are funded in the order "
                        "they are made until the budget is used up.</p><ul>"
                        "<li><b>Who qualifies</b>: full-time staff of organisations currently in "
                        "incubation who have an employment contract and social insurance paid by "
                        "the organisation; up to five staff per organisation;</li>"
                        "<li><b>How much</b>: 50% of the monthly salary, up to ¥3,000 per person "
                        "per month; up to ¥3,500 for an assistant social worker (助理社会工作师), "
                        "¥4,000 for a social worker (社会工作师) and ¥4,500 for a senior social "
                        "worker (高级社会工作师);</li><li><b>How long</b>: up to 12 months per "
                        "person, and never beyond the organisation's incubation period;</li>"
                        "<li><b>How to apply</b>: in the organisation portal, list each staff "
                        "member's name, role, qualification, monthly salary and months; the system "
                        "works out the eligible amount. The hub manager reviews and recommends "
                        "your application, and the bureau decides;</li>"
                        "<li><b>Payment</b>: once approved, you receive a subsidy decision letter "
                        "(with a verification code anyone can check on this site), and the money "
                        "is paid to your bank account in instalments.</li></ul>"
                        "<p>The application window is announced with the scheme.</p>"
                    ),
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "Can an organisation still in incubation bid?",
                        "answer": (
                            "<p>Yes. As long as it is registered and meets the eligibility rules "
                            "of the tender, an incubated organisation competes on exactly the same "
                            "terms as everyone else. Founding teams that have not yet received "
                            "their registration certificate cannot bid.</p>"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "What if we disagree with an award?",
                        "answer": (
                            "<p>Send a written challenge to the commissioning body within the "
                            "challenge period stated in the award notice, giving your reasons and "
                            "supporting evidence. The period counts working days only: weekends "
                            "and public holidays do not count, while the make-up working days "
                            "announced by the State Council do. The bureau will reply in writing "
                            "within the set time.</p>"
                        ),
                    },
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "Can a salary be covered by both a subsidy and a contract?",
                        "answer": (
                            "<p>No. If a staff member's salary for a given month is already paid "
                            "from a government service contract or other public funds, you cannot "
                            "claim the subsidy for that month as well. Please fill in your "
                            "application accurately: we check it against contracts and payment "
                            "records and recover any double funding.</p>"
                        ),
                    },
                },
            ],
        },
    },
]

STANDARD_PAGES = [
    {
        "slug": "about",
        "zh-hans": {
            "title": "关于我们",
            "intro": "太仓市民政局通过孵化基地培育社会组织，支持社会组织承接社区公共服务。",
            "body": [
                {
                    "type": "heading",
                    "value": {"text": "太仓市民政局与社会组织培育", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>太仓市民政局负责全市社会组织的登记管理和培育发展。近年来，"
                        "越来越多的社区公共服务通过政府购买服务的方式交由社会组织承担，"
                        "养老服务是最早开展的领域：全市约80家老年人日间照料中心中，"
                        "已有10余家由社会组织受托运营；市里还为80周岁以上的老人每月发放80元服务券，"
                        "可用于居家上门服务和日间照料。</p>"
                        "<p>为了让更多专业、规范的社会组织成长起来，我局设立社会组织孵化基地，"
                        "从场地、资金和能力建设等方面扶持初创机构。</p>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "两个孵化平台", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<ul><li><b>太仓市社会组织孵化基地</b>：由我局设立，位于科教新城，"
                        "为入驻机构提供办公场地、培训督导和项目对接，是全市培育社会组织的主阵地。"
                        "</li><li><b>瑞安社会工作服务中心</b>：由区财政资助运营的社会工作服务中心，"
                        "重点孵化社会工作类和社区服务类机构，为新机构提供场地和一对一专业督导。"
                        "</li></ul><p>两个平台采用统一的能力建设框架和管理流程，入驻申请、"
                        "里程碑和补贴申报都在本平台办理。</p>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "我们的工作", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<ul><li><b>登记管理</b>：社会组织成立、变更、注销登记和年度检查；</li>"
                        "<li><b>孵化培育</b>：入驻审核、场地安排、能力建设里程碑的督导与核实；</li>"
                        "<li><b>岗位补贴</b>：制定年度补贴方案，在预算总额内审批并分批拨付；</li>"
                        "<li><b>政府购买服务</b>：发布招标公告，组织评审，公示结果，"
                        "签订和监督服务合同。</li></ul>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "公开与监督", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>招标公告、评审规则和中标结果都在本平台公开。我局出具的中标通知书、"
                        "补贴批复等函件均有编号和核验码，任何人都可以在线核验；"
                        "每一项审批操作都留有记录。欢迎社会各界监督，"
                        "也可以拨打12345政务服务便民热线反映意见和建议。</p>"
                    ),
                },
            ],
        },
        "en": {
            "title": "About us",
            "intro": (
                "The Taicang Civil Affairs Bureau grows social organisations through its incubator "
                "and helps them take on community services."
            ),
            "body": [
                {
                    "type": "heading",
                    "value": {"text": "The bureau and social organisations", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>The Taicang Civil Affairs Bureau registers and supervises the city's "
                        "social organisations and helps them grow. More and more community "
                        "services are now contracted out to social organisations, and elderly care "
                        "led the way: of roughly eighty day-care centres for older people in the "
                        "city, more than ten are run by social organisations under contract, and "
                        "every resident over 80 receives a monthly ¥80 voucher for home care and "
                        "day-centre attendance.</p><p>To help more capable, well-run organisations "
                        "emerge, the bureau set up an incubator that supports young organisations "
                        "with space, funding and capacity building.</p>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "Two incubation hubs", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<ul><li><b>Taicang Social Organisation Incubation Base</b> "
                        "(太仓市社会组织孵化基地): the bureau's own incubator in Kejiao Xincheng "
                        "(Science and Education New Town), offering office space, training, "
                        "coaching and introductions to contracts. It is the city's main hub.</li>"
                        "<li><b>Ruian Social Work Centre</b> (瑞安社会工作服务中心): a "
                        "district-funded social work centre that focuses on social work and "
                        "community service organisations, with space and one-to-one professional "
                        "supervision for newcomers.</li></ul>"
                        "<p>Both hubs use the same capacity framework and procedures, and "
                        "applications, milestones and subsidies for both are handled on this "
                        "site.</p>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "What we do", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<ul><li><b>Registration</b>: registering, amending and deregistering "
                        "social organisations, and the annual inspection;</li>"
                        "<li><b>Incubation</b>: admissions, office space, and coaching and "
                        "verifying capacity milestones;</li>"
                        "<li><b>Staff-cost subsidies</b>: setting the yearly scheme, approving "
                        "applications within its budget and paying them in instalments;</li>"
                        "<li><b>Government purchase of services</b>: publishing tenders, running "
                        "evaluations, announcing awards, and signing and overseeing contracts.</li>"
                        "</ul>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "Openness and accountability", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>Tender notices, evaluation rules and award results are published on "
                        "this site. Every award letter and subsidy decision we issue carries a "
                        "reference number and a verification code that anyone can check online, "
                        "and every approval is recorded. We welcome scrutiny: you can also share "
                        "comments and suggestions through the 12345 government service hotline.</p>"
                    ),
                },
            ],
        },
    },
    {
        "slug": "contact",
        "zh-hans": {
            "title": "联系我们",
            "intro": (
                "办理社会组织登记、孵化入驻、项目投标和岗位补贴相关事宜，请通过以下方式与我们联系。"
            ),
            "body": [
                {
                    "type": "heading",
                    "value": {"text": "太仓市民政局社会组织管理科", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>负责社会组织登记、年度检查、政府购买服务招标和岗位补贴审批。</p><ul>"
                        "<li><b>地址</b>：太仓市城厢镇上海东路99号民政局办公楼3楼</li>"
                        "<li><b>电话</b>：0512-53531201</li>"
                        "<li><b>登记受理</b>：太仓市政务服务中心民政窗口</li></ul>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "孵化平台", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p><b>太仓市社会组织孵化基地</b></p><ul>"
                        "<li><b>地址</b>：太仓市科教新城健雄路18号</li>"
                        "<li><b>电话</b>：0512-53532266</li>"
                        "<li><b>可咨询</b>：入驻申请、场地安排、能力建设培训</li></ul>"
                    ),
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p><b>瑞安社会工作服务中心</b></p><ul>"
                        "<li><b>地址</b>：太仓市城厢镇朝阳东路56号2楼</li>"
                        "<li><b>电话</b>：0512-53536808</li>"
                        "<li><b>可咨询</b>：入驻申请、社会工作专业督导、里程碑材料准备</li></ul>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "办公时间", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>周一至周五，上午8:30至12:00，下午13:30至17:00。法定节假日休息；"
                        "国务院公布的调休上班日正常办公。</p>"
                        "<p>来访办理登记业务的，请携带身份证件和相关材料；"
                        "到孵化基地参观或咨询入驻的，建议提前电话预约。如对我们的服务有意见或建议，"
                        "也可以拨打12345政务服务便民热线。</p>"
                    ),
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "招标项目的问题可以打电话咨询吗？",
                        "answer": (
                            "<p>为保证所有投标人获得相同的信息，关于招标文件内容的问题，"
                            "请通过项目页面的澄清答疑功能提交，答复会在项目页面公开。"
                            "电话只解答平台操作等一般性问题。</p>"
                        ),
                    },
                },
            ],
        },
        "en": {
            "title": "Contact us",
            "intro": (
                "Here is how to reach us about registration, joining the incubator, tenders and "
                "staff-cost subsidies."
            ),
            "body": [
                {
                    "type": "heading",
                    "value": {
                        "text": (
                            "Social Organisation Management Section, Taicang Civil Affairs Bureau"
                        ),
                        "level": "h2",
                    },
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>Responsible for registering social organisations, the annual "
                        "inspection, government service tenders and staff-cost subsidy "
                        "decisions.</p><ul><li><b>Address</b>: 3rd floor, Civil Affairs Bureau "
                        "office building, 99 Shanghai Road East, Chengxiang, Taicang</li>"
                        "<li><b>Phone</b>: 0512-53531201</li>"
                        "<li><b>Registration counter</b>: civil affairs counter, Taicang "
                        "Government Services Centre</li></ul>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "The incubation hubs", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p><b>Taicang Social Organisation Incubation Base</b></p><ul>"
                        "<li><b>Address</b>: 18 Jianxiong Road, Kejiao Xincheng, Taicang</li>"
                        "<li><b>Phone</b>: 0512-53532266</li>"
                        "<li><b>Ask about</b>: joining the incubator, office space, "
                        "capacity-building training</li></ul>"
                    ),
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p><b>Ruian Social Work Centre</b></p><ul>"
                        "<li><b>Address</b>: 2nd floor, 56 Chaoyang Road East, Chengxiang, "
                        "Taicang</li><li><b>Phone</b>: 0512-53536808</li>"
                        "<li><b>Ask about</b>: joining the incubator, professional social work "
                        "supervision, preparing milestone evidence</li></ul>"
                    ),
                },
                {
                    "type": "heading",
                    "value": {"text": "Office hours", "level": "h2"},
                },
                {
                    "type": "paragraph",
                    "value": (
                        "<p>Monday to Friday, 8:30 to 12:00 and 13:30 to 17:00. Closed on public "
                        "holidays; open on the make-up working days announced by the State "
                        "Council.</p><p>If you come to register an organisation, please bring your "
                        "ID and documents. If you would like to visit a hub or talk about joining, "
                        "please call ahead to book a time. Comments on our service are also "
                        "welcome through the 12345 government service hotline.</p>"
                    ),
                },
                {
                    "type": "question_answer",
                    "value": {
                        "question": "Can I ask about a tender by phone?",
                        "answer": (
                            "<p>So that every bidder has the same information, please ask "
                            "questions about a tender's content through the clarification function "
                            "on the tender page; answers are published there. By phone we can only "
                            "help with general questions, such as how to use the site.</p>"
                        ),
                    },
                },
            ],
        },
    },
]

SERVICES_DIRECTORY = {
    "slug": "care-services",
    "zh-hans": {
        "title": "养老服务地图",
        "intro": (
            "<p>按镇（街道）和服务类型，查找政府购买的日间照料、助餐、居家上门等养老服务："
            "每个站点的服务项目和价格（使用养老服务补贴和不使用补贴的价格）、开放时间、怎么去、"
            "无障碍设施，以及民政局对它的考核结果。不用手机的老人，可以请村（社区）"
            "工作人员打印本村的服务清单。</p>"
        ),
    },
    "en": {
        "title": "Care services",
        "intro": (
            "<p>Find the care services the city pays for, such as day care, meals and home "
            "care, by town and type: what each place offers and what it costs with and without "
            "a care voucher, when it is open, how to get there, access for wheelchairs, and how "
            "the Civil Affairs Bureau rates it. For residents who do not use a phone, community "
            "workers can print the list of their community's services.</p>"
        ),
    },
}
