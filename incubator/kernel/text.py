"""Chinese text: a run of CJK ideographs (the basic block, extension A and the compatibility
ideographs). Names use it to choose their order, search to cut a query into pairs."""

import re

CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
