# Reference (numpy) of the GP + expected-hypervolume-improvement search prototyped for issue #18;
# not used by Vernier yet. Spec: docs/front-search.md. Usage: python3 scripts/research/front_search_reference.py all [--budget]
"""Reference implementation: GP-EHVI latency-aware multi-objective search for NAS-Bench-201.
Self-contained (numpy only). Accuracy is the expensive, counted oracle; latency is a free table.
Usage: python3 samo_ref.py [all|three] [--budget]"""
import os
os.environ.setdefault("OMP_NUM_THREADS","1"); os.environ.setdefault("OPENBLAS_NUM_THREADS","1")
import csv, itertools, sys, time, json
from math import comb, erf
import numpy as np
SHARED = os.environ.get("SHARED", os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared"))

OPS=["none","skip_connect","nor_conv_1x1","nor_conv_3x3","avg_pool_3x3"]
SRC=[0,0,1,0,1,2]; DST=[1,2,2,3,3,3]          # edge e: node SRC[e] -> node DST[e] (string order)

def parse(s):
    return tuple(OPS.index(t.split("~")[0]) for node in s.strip("|").split("|+|") for t in node.strip("|").split("|"))

def effective(a):
    """Set to none (0) every edge that is not on an input->output path of non-none edges."""
    a=list(a); on=[o!=0 for o in a]
    fwd={0}
    for n in (1,2,3):
        if any(on[e] and DST[e]==n and SRC[e] in fwd for e in range(6)): fwd.add(n)
    bwd={3}
    for n in (2,1,0):
        if any(on[e] and SRC[e]==n and DST[e] in bwd for e in range(6)): bwd.add(n)
    return tuple(a[e] if (on[e] and SRC[e] in fwd and DST[e] in bwd) else 0 for e in range(6))

# ---------------- GP surrogate ----------------
THETA, R, LAM, CLIP_OFF = 0.5, 3, 0.5, 3.0
KTAB=np.array([sum(THETA**r*comb(m,r) for r in range(R+1)) for m in range(7)])   # k as function of #matching edges

def kmat(EA,EB):
    m=np.zeros((len(EA),len(EB)),dtype=np.int64)
    for e in range(6): m+=(EA[:,e][:,None]==EB[:,e][None,:])
    return KTAB[m]

class GP:
    def __init__(self,E_tr,acc_tr,clip):
        self.E=E_tr
        y=np.log(100.0-np.maximum(acc_tr,clip)); self.ym=y.mean(); yc=y-self.ym
        self.L=np.linalg.cholesky(kmat(E_tr,E_tr)+LAM*np.eye(len(y)))
        self.alpha=np.linalg.solve(self.L.T,np.linalg.solve(self.L,yc))
        self.sig2=float(yc@self.alpha)/len(y)
    def mean(self,E):
        Ks=kmat(E,self.E); return self.ym+Ks@self.alpha, Ks
    def var(self,Ks):                              # predictive variance of a NEW observation (latent + noise)
        V=np.linalg.solve(self.L,Ks.T)
        return self.sig2*(np.maximum(KTAB[6]-(V*V).sum(0),0.0)+LAM)
    def var_ub(self): return self.sig2*(KTAB[6]+LAM)

# ---------------- acquisition ----------------
_erf=np.frompyfunc(erf,1,1)
def Phi(z): return 0.5*(1.0+_erf(z/np.sqrt(2.0)).astype(float))
def phi(z): return np.exp(-0.5*z*z)/np.sqrt(2*np.pi)

def staircase(acc,lat,ref):
    """Front of (acc,lat) inside the reference box as step breakpoints (L_k, H_k), L ascending, H strictly increasing."""
    ra,rl=ref; m=(acc>ra)&(lat<rl); a=acc[m]; l=lat[m]
    if len(a)==0: return np.zeros(0),np.zeros(0)
    o=np.lexsort((-a,l)); a=a[o]; l=l[o]; b=np.maximum.accumulate(a)
    k=np.r_[True,b[1:]>b[:-1]]; return l[k],b[k]

def ehvi(mu,sd,lat,SL,SH,ref):
    """Expected HV improvement of one point with acc~N(mu,sd^2), exact latency lat, w.r.t. staircase (SL,SH)."""
    ra,rl=ref
    st=np.r_[-np.inf,SL]; en=np.r_[SL,rl]; lev=np.r_[ra,SH]           # segment j: x in [st_j,en_j), front height lev_j
    w=np.clip(np.minimum(en[None,:],rl)-np.maximum(st[None,:],lat[:,None]),0,None)
    d=mu[:,None]-lev[None,:]; z=d/sd[:,None]
    return (w*(sd[:,None]*phi(z)+d*Phi(z))).sum(1)

def hv(acc,lat,ref):
    SL,SH=staircase(acc,lat,ref)
    if len(SL)==0: return 0.0
    return float(np.sum((SH-ref[0])*(np.r_[SL[1:],ref[1]]-SL)))

# ---------------- the search ----------------
def mo_search(oracle,lat,E,ref,budget=1000,seed=0,n0=64,batch=10,M=300):
    """oracle(i)->accuracy (counted); lat: latency of every arch (free); E: effective-arch encoding (N x 6).
    Returns the list of evaluated arch indices (in order) and their accuracies."""
    N=len(lat); rng=np.random.default_rng(seed)
    clip=ref[0]-CLIP_OFF
    order=[int(i) for i in rng.choice(N,min(n0,budget),replace=False)]
    acc={i:oracle(i) for i in order}
    ev=np.zeros(N,bool); ev[order]=True
    while len(order)<budget:
        tr=np.array(order); A=np.array([acc[i] for i in order])
        gp=GP(E[tr],A,clip)
        cand=np.where(~ev&(lat<ref[1]))[0]                     # ascending arch index
        if len(cand)==0: break
        f,Ks=gp.mean(E[cand]); mu=100.0-np.exp(f)
        SL,SH=staircase(A,lat[tr],ref)
        g_ub=ehvi(mu,np.exp(f)*np.sqrt(gp.var_ub()),lat[cand],SL,SH,ref)   # EHVI is increasing in sd -> upper bound
        keep=np.lexsort((cand,-g_ub))[:M]; keep.sort()             # top-M by bound (ties: lower index), then index order
        cand=cand[keep]; mu=mu[keep]; sd=np.exp(f[keep])*np.sqrt(gp.var(Ks[keep]))
        fa=list(A); fl=list(lat[tr])
        for _ in range(min(batch,budget-len(order),len(cand))):
            g=ehvi(mu,sd,lat[cand],SL,SH,ref)
            t=int(np.argmax(g)); c=int(cand[t])                       # argmax: first max = lowest arch index
            order.append(c); ev[c]=True
            fa.append(mu[t]); fl.append(lat[c])                     # kriging believer: pretend acc = predicted mean
            SL,SH=staircase(np.array(fa),np.array(fl),ref)
            cand=np.delete(cand,t); mu=np.delete(mu,t); sd=np.delete(sd,t)
        for c in order[len(acc):]: acc[c]=oracle(c)                  # evaluate the batch
    return order,[acc[i] for i in order]

def budget_search(oracle,lat,E,T,clip,budget=500,seed=0,n0=64,batch=10,M=300):
    """maximise accuracy s.t. lat <= T; batch expected improvement with the same GP."""
    N=len(lat); rng=np.random.default_rng(seed); feas=np.where(lat<=T)[0]
    order=[int(i) for i in rng.choice(feas,min(n0,budget,len(feas)),replace=False)]
    acc={i:oracle(i) for i in order}; ev=np.zeros(N,bool); ev[order]=True
    while len(order)<min(budget,len(feas)):
        tr=np.array(order); A=np.array([acc[i] for i in order]); gp=GP(E[tr],A,clip)
        cand=feas[~ev[feas]]; f,Ks=gp.mean(E[cand]); mu=100.0-np.exp(f); best=A.max()
        def EI(mu,s): z=(mu-best)/s; return s*phi(z)+(mu-best)*Phi(z)
        keep=np.lexsort((cand,-EI(mu,np.exp(f)*np.sqrt(gp.var_ub()))))[:M]; keep.sort()
        cand=cand[keep]; mu=mu[keep]; sd=np.exp(f[keep])*np.sqrt(gp.var(Ks[keep]))
        for _ in range(min(batch,budget-len(order),len(cand))):
            g=EI(mu,sd); t=int(np.argmax(g)); c=int(cand[t])
            order.append(c); ev[c]=True; best=max(best,mu[t])
            cand=np.delete(cand,t); mu=np.delete(mu,t); sd=np.delete(sd,t)
        for c in order[len(acc):]: acc[c]=oracle(c)
    return order,[acc[i] for i in order]

# ---------------- harness ----------------
def load():
    accd={}
    with open(os.path.join(SHARED, "nb201/nb201_cifar10_accuracy.csv")) as f:
        for r in csv.DictReader(f): accd[parse(r["arch_str"])]=float(r["cifar10_test_top1"])
    latd={}
    with open(os.path.join(SHARED, "latency/help_nb201_latency_ms.csv")) as f:
        rd=csv.DictReader(f); devs=rd.fieldnames[2:]
        for r in rd: latd[parse(r["arch_str"])]=[float(r[d]) for d in devs]
    archs=list(itertools.product(range(5),repeat=6))   # arch index = sum op_e*5^(5-e)
    return (np.array(archs),np.array([accd[a] for a in archs]),np.array([latd[a] for a in archs]),devs)

if __name__=="__main__":
    ARCHS,ACC,LAT,DEVS=load(); E=np.array([effective(a) for a in ARCHS])
    which=range(20) if "all" in sys.argv else [DEVS.index(d) for d in ("pixel3","gold_6226","samsung_a50")]
    out={}
    for d in which:
        lat=LAT[:,d]; ref=(float(np.median(ACC)),float(np.percentile(lat,90))); H=hv(ACC,lat,ref)
        calls=[0]
        def oracle(i): calls[0]+=1; return ACC[i]
        if "--budget" in sys.argv:
            gaps=[]
            for p in (10,25,50,75):
                T=float(np.percentile(lat,p)); tb=ACC[lat<=T].max()
                for s in range(3):
                    o,a=budget_search(oracle,lat,E,T,ref[0]-CLIP_OFF,500,s); assert max(lat[o])<=T
                    gaps.append(tb-max(a))
            out[DEVS[d]]=gaps; print(DEVS[d],"gaps",np.round(np.array(gaps).reshape(4,3).mean(1),3),flush=True)
        else:
            r=[]
            for s in range(3):
                calls[0]=0; t=time.time(); o,a=mo_search(oracle,lat,E,ref,1000,s)
                assert calls[0]==1000==len(set(o))
                r.append(hv(np.array(a),lat[o],ref)/H)
            out[DEVS[d]]=r; print(DEVS[d],np.round(r,4),round(np.mean(r),4),"%.1fs/run"%(time.time()-t),flush=True)
    v=np.array([np.mean(x) for x in out.values()]); print("mean",v.mean().round(4),"min",v.min().round(4))
    json.dump(out,open("samo_ref_%s.json"%("budget" if "--budget" in sys.argv else "hv"),"w"))
